State Recv-Q Send-Q Local Address:Port       Peer Address:Port      Process
ESTAB 0      0                  0:1795147793            0:1793819174       
ESTAB 0      0                  0:1793819174            0:1795147793       
