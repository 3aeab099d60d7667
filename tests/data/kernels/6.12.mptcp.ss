State  Recv-Q Send-Q Local Address:Port  Peer Address:Port Process                                                                                                                 
ESTAB  0      0          127.0.0.1:9000     127.0.0.1:34116
	 subflows_max:2 remote_key token:8630ea2b write_seq:5a262bbfe4df7968 snd_una:5a262bbfe4df7968 rcv_nxt:8916682a129ee55f
ESTAB  0      0          127.0.0.1:34116    127.0.0.1:9000 
	 subflows_max:2 remote_key token:9ea534f2 write_seq:8916682a129ee55f snd_una:8916682a129ee55f rcv_nxt:5a262bbfe4df7968
LISTEN 0      16         127.0.0.1:9000       0.0.0.0:*    
	                                                                                                                      
