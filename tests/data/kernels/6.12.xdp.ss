State  Recv-Q Send-Q Local Address:Port Peer Address:PortProcess
UNCONN 0      0                   *                 *     ino:399 sk:c
	stats(rx dropped:0,rx invalid:0,rx queue full:0,rx fill ring empty:0,tx invalid:0,tx ring empty:0)
