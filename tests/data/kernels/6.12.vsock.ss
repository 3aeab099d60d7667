Netid State  Recv-Q Send-Q Local Address:Port      Peer Address:Port     Process
v_str ESTAB  0      0                  *:619104390            1:7000            
???   ESTAB  0      0                  *:619104391            1:7001            
v_str LISTEN 0      0                  *:7000                 *:*               
???   LISTEN 0      0                  *:7001                 *:*               
???   ESTAB  0      0                  1:7001                 1:619104391       
v_str ESTAB  0      0                  1:7000                 1:619104390       
