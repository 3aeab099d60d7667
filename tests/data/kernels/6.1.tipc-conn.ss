State Recv-Q Send-Q Local Address:Port       Peer Address:Port      Process
ESTAB 0      0                  0:1017624210            0:1713175683       
ESTAB 0      0                  0:1713175683            0:1017624210       
