State  Recv-Q Send-Q Local Address:Port  Peer Address:Port Process                                                                                                                 
ESTAB  0      0          127.0.0.1:46228    127.0.0.1:9000 
	 subflows_max:2 remote_key token:fe20120b write_seq:4146350ac3e44bf4 snd_una:4146350ac3e44bf4 rcv_nxt:dce274c13450f9c4
ESTAB  0      0          127.0.0.1:9000     127.0.0.1:46228
	 subflows_max:2 remote_key token:b26be1fb write_seq:dce274c13450f9c4 snd_una:dce274c13450f9c4 rcv_nxt:4146350ac3e44bf4
LISTEN 0      16         127.0.0.1:9000       0.0.0.0:*    
	 subflows_max:2                                                                                                       
