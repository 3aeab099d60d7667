Recv-Q Send-Q Local Address:Port      Peer Address:PortProcess
0      0            0.0.0.0:icmp           0.0.0.0:*          
0      0                  *:ipv6-icmp            *:*          
