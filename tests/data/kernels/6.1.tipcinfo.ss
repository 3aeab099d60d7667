State  Recv-Q Send-Q Local Address:Port       Peer Address:Port      Process                                       
ESTAB  0      0                  0:1017624210            0:1713175683
 type:STREAM cong:none  drop:0  via {1001,1} 
LISTEN 0      0                  0:814773214              -          
 type:STREAM cong:none  drop:0  publ         
UNCONN 0      0                  0:3760710025             -          
 type:RDM cong:none  drop:0  publ            
ESTAB  0      0                  0:1713175683            0:1017624210
 type:STREAM cong:none  drop:0  via {1001,1} 
LISTEN 0      0                  0:3588033778             -          
 type:SEQPACKET cong:none  drop:0  publ      
