Netid State  Recv-Q Send-Q Local Address:Port      Peer Address:PortProcess
???   UNCONN 0      0            0.0.0.0:icmp           0.0.0.0:*          
icmp6 UNCONN 0      0                  *:ipv6-icmp            *:*          
udp   UNCONN 0      0          127.0.0.1:5002           0.0.0.0:*          
udp   ESTAB  0      0          127.0.0.1:5003         127.0.0.1:5002       
