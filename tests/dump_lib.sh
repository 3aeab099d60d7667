# dump_lib.sh: writes sock_diag messages as `ss -D` or --record would,
# for replays of what no live kernel gives (names longer than 108 bytes).
#
#   dump_unix NAME INO   a listening unix stream socket named NAME (its
#                        bytes as given, "@" not translated) to stdout.

# _le32 N: N as 4 little-endian bytes
_le32() {
	printf "$(printf '\\x%02x\\x%02x\\x%02x\\x%02x' $(($1 & 255)) \
		$((($1 >> 8) & 255)) $((($1 >> 16) & 255)) $((($1 >> 24) & 255)))"
}

# _le16 N: N as 2 little-endian bytes
_le16() {
	printf "$(printf '\\x%02x\\x%02x' $(($1 & 255)) $((($1 >> 8) & 255)))"
}

dump_unix() {
	local name=$1 ino=$2 nlen alen pad total
	nlen=$(printf '%s' "$name" | LC_ALL=C wc -c)
	alen=$((4 + nlen))
	pad=$(((4 - alen % 4) % 4))
	total=$((16 + 16 + alen + pad))
	# nlmsghdr: length, SOCK_DIAG_BY_FAMILY (20), NLM_F_MULTI, seq, pid
	_le32 $total
	_le16 20
	_le16 2
	_le32 1
	_le32 0
	# unix_diag_msg: AF_UNIX, SOCK_STREAM, TCP_LISTEN (10), pad, ino, cookie
	printf '\x01\x01\x0a\x00'
	_le32 "$ino"
	_le32 0
	_le32 0
	# UNIX_DIAG_NAME (0)
	_le16 $alen
	_le16 0
	printf '%s' "$name"
	head -c $pad /dev/zero
}
