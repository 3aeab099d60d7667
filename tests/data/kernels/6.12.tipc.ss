State  Recv-Q Send-Q Local Address:Port       Peer Address:Port      Process
LISTEN 0      0                  0:92834670               -                 
LISTEN 0      0                  0:368065898              -                 
UNCONN 0      0                  0:2135322031             -                 
ESTAB  0      0                  0:1795147793            0:1793819174       
ESTAB  0      0                  0:1793819174            0:1795147793       
