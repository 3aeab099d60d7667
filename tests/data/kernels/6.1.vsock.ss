Netid State  Recv-Q Send-Q Local Address:Port       Peer Address:Port      Process
v_str ESTAB  0      0                  *:3648822695            1:7000             
???   ESTAB  0      0                  *:3648822696            1:7001             
v_str LISTEN 0      0                  *:7000                  *:*                
???   LISTEN 0      0                  *:7001                  *:*                
???   ESTAB  0      0                  1:7001                  1:3648822696       
v_str ESTAB  0      0                  1:7000                  1:3648822695       
