State  Recv-Q Send-Q Local Address:Port       Peer Address:Port      Process
ESTAB  0      0                  0:1017624210            0:1713175683       
LISTEN 0      0                  0:814773214              -                 
UNCONN 0      0                  0:3760710025             -                 
ESTAB  0      0                  0:1713175683            0:1017624210       
LISTEN 0      0                  0:3588033778             -                 
