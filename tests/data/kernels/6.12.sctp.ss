State    Recv-Q Send-Q Local Address:Port  Peer Address:Port Process
LISTEN   0      16         127.0.0.1:x11        0.0.0.0:*           
ESTAB    0      0          127.0.0.1:39464    127.0.0.1:x11         
`- ESTAB 0      0       127.0.0.1%lo:39464    127.0.0.1:x11         
UNCONN   0      0          127.0.0.1:x11-2      0.0.0.0:*           
`- ESTAB 0      0       127.0.0.1%lo:x11-2    127.0.0.1:x11-1       
LISTEN   0      4          127.0.0.1:x11-1      0.0.0.0:*           
`- ESTAB 0      0       127.0.0.1%lo:x11-1    127.0.0.1:x11-2       
ESTAB    0      0          127.0.0.1:x11      127.0.0.1:39464       
`- ESTAB 0      0       127.0.0.1%lo:x11      127.0.0.1:39464       
