State  Recv-Q Send-Q Local Address:Port       Peer Address:Port      Process                                       
LISTEN 0      0                  0:92834670               -          
 type:STREAM cong:none  drop:0  publ         
LISTEN 0      0                  0:368065898              -          
 type:SEQPACKET cong:none  drop:0  publ      
UNCONN 0      0                  0:2135322031             -          
 type:RDM cong:none  drop:0  publ            
ESTAB  0      0                  0:1795147793            0:1793819174
 type:STREAM cong:none  drop:0  via {1001,1} 
ESTAB  0      0                  0:1793819174            0:1795147793
 type:STREAM cong:none  drop:0  via {1001,1} 
