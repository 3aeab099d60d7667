Netid State    Recv-Q Send-Q Local Address:Port  Peer Address:Port Process
tcp   LISTEN   0      16         127.0.0.1:5000       0.0.0.0:*           
tcp   LISTEN   0      16         127.0.0.1:9000       0.0.0.0:*           
tcp   ESTAB    0      0          127.0.0.1:5000     127.0.0.1:57060       
tcp   ESTAB    0      0          127.0.0.1:9000     127.0.0.1:46228       
tcp   ESTAB    0      0          127.0.0.1:57060    127.0.0.1:5000        
tcp   ESTAB    0      0          127.0.0.1:46228    127.0.0.1:9000        
tcp   LISTEN   0      4              [::1]:5001          [::]:*           
sctp  LISTEN   0      16         127.0.0.1:x11        0.0.0.0:*           
sctp  LISTEN   0      4          127.0.0.1:x11-1      0.0.0.0:*           
      `- ESTAB 0      0       127.0.0.1%lo:x11-1    127.0.0.1:x11-2       
sctp  UNCONN   0      0          127.0.0.1:x11-2      0.0.0.0:*           
      `- ESTAB 0      0       127.0.0.1%lo:x11-2    127.0.0.1:x11-1       
sctp  ESTAB    0      0          127.0.0.1:x11      127.0.0.1:49143       
      `- ESTAB 0      0       127.0.0.1%lo:x11      127.0.0.1:49143       
sctp  ESTAB    0      0          127.0.0.1:49143    127.0.0.1:x11         
      `- ESTAB 0      0       127.0.0.1%lo:49143    127.0.0.1:x11         
