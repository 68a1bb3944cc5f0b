/**
 * Test fixtures retyped from AWS's documentation examples (VPC user guide "Flow log record
 * examples"; ELB user guides "Access log entries" / "Connection logs"), cleaned of the doc's line
 * wrapping and inline comments. Synthetic lines are marked as such. Used by the tests only.
 */

export const DEFAULT_HEADER =
  'version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status';

/** Default format (version 2) examples. */
export const DOC_DEFAULT = {
  accepted:
    '2 123456789010 eni-1235b8ca123456789 172.31.16.139 172.31.16.21 20641 22 6 20 4249 1418530010 1418530070 ACCEPT OK',
  rejected:
    '2 123456789010 eni-1235b8ca123456789 172.31.9.69 172.31.9.12 49761 3389 6 20 4249 1418530010 1418530070 REJECT OK',
  nodata: '2 123456789010 eni-1235b8ca123456789 - - - - - - - 1431280876 1431280934 - NODATA',
  skipdata: '2 123456789010 eni-11111111aaaaaaaaa - - - - - - - 1431280876 1431280934 - SKIPDATA',
  /** Security group allows inbound ICMP, network ACL does not allow the response out. */
  icmpAccepted:
    '2 123456789010 eni-1235b8ca123456789 203.0.113.12 172.31.16.139 0 0 1 4 336 1432917027 1432917142 ACCEPT OK',
  icmpRejectedReply:
    '2 123456789010 eni-1235b8ca123456789 172.31.16.139 203.0.113.12 0 0 1 4 336 1432917094 1432917142 REJECT OK',
  ipv6: '2 123456789010 eni-1235b8ca123456789 2001:db8:1234:a100:8d6e:3477:df66:f105 2001:db8:1234:a102:3304:8879:34cf:4071 34892 22 6 54 8855 1477913708 1477913820 ACCEPT OK',
};

/** Version 3 custom format: the TCP flag sequence example. */
export const DOC_V3_FORMAT =
  // biome-ignore lint/suspicious/noTemplateCurlyInString: AWS's LogFormat syntax, not a template
  '${version} ${vpc-id} ${subnet-id} ${instance-id} ${interface-id} ${account-id} ${type} ${srcaddr} ${dstaddr} ${srcport} ${dstport} ${pkt-srcaddr} ${pkt-dstaddr} ${protocol} ${bytes} ${packets} ${start} ${end} ${action} ${tcp-flags} ${log-status}';
const V3_PREFIX =
  '3 vpc-abcdefab012345678 subnet-aaaaaaaa012345678 i-01234567890123456 eni-1235b8ca123456789 123456789012 IPv4';
export const DOC_V3_RECORDS = [
  `${V3_PREFIX} 52.213.180.42 10.0.0.62 43416 5001 52.213.180.42 10.0.0.62 6 568 8 1566848875 1566848933 ACCEPT 2 OK`,
  `${V3_PREFIX} 10.0.0.62 52.213.180.42 5001 43416 10.0.0.62 52.213.180.42 6 376 7 1566848875 1566848933 ACCEPT 18 OK`,
  `${V3_PREFIX} 52.213.180.42 10.0.0.62 43416 5001 52.213.180.42 10.0.0.62 6 100701 70 1566848875 1566848933 ACCEPT 2 OK`,
  `${V3_PREFIX} 10.0.0.62 52.213.180.42 5001 43416 10.0.0.62 52.213.180.42 6 632 12 1566848875 1566848933 ACCEPT 1 OK`,
  `${V3_PREFIX} 10.0.0.62 52.213.180.42 5001 43416 10.0.0.62 52.213.180.42 6 63388 1219 1566848933 1566849113 ACCEPT 1 OK`,
  `${V3_PREFIX} 52.213.180.42 10.0.0.62 43416 5001 52.213.180.42 10.0.0.62 6 23294588 15774 1566848933 1566849113 ACCEPT 1 OK`,
  `${V3_PREFIX} 52.213.180.42 10.0.0.62 43638 5001 52.213.180.42 10.0.0.62 6 1260 17 1566849113 1566849173 ACCEPT 3 OK`,
];

/** NAT gateway and transit gateway examples: `instance-id interface-id srcaddr dstaddr pkt-srcaddr pkt-dstaddr`. */
export const DOC_PKT_FORMAT =
  // biome-ignore lint/suspicious/noTemplateCurlyInString: AWS's LogFormat syntax, not a template
  '${instance-id} ${interface-id} ${srcaddr} ${dstaddr} ${pkt-srcaddr} ${pkt-dstaddr}';
export const DOC_NAT_GATEWAY = [
  'i-01234567890123456 eni-1111aaaa2222bbbb3 10.0.1.5 203.0.113.5 10.0.1.5 203.0.113.5',
  '- eni-1235b8ca123456789 10.0.1.5 10.0.0.220 10.0.1.5 203.0.113.5',
  '- eni-1235b8ca123456789 10.0.0.220 203.0.113.5 10.0.0.220 203.0.113.5',
  '- eni-1235b8ca123456789 203.0.113.5 10.0.0.220 203.0.113.5 10.0.0.220',
  '- eni-1235b8ca123456789 10.0.0.220 10.0.1.5 203.0.113.5 10.0.1.5',
];
export const DOC_TRANSIT_GATEWAY = [
  'i-01234567890123456 eni-11111111aaaaaaaaa 10.0.1.5 10.20.33.164 10.0.1.5 10.20.33.164',
  '- eni-22222222bbbbbbbbb 10.0.1.5 10.20.33.164 10.0.1.5 10.20.33.164',
  '- eni-33333333ccccccccc 10.0.1.5 10.20.33.164 10.0.1.5 10.20.33.164',
  '- eni-33333333ccccccccc 10.20.33.164 10.0.1.5 10.20.33.164 10.0.1.5',
  '- eni-22222222bbbbbbbbb 10.20.33.164 10.0.1.5 10.20.33.164 10.0.1.5',
  'i-01234567890123456 eni-11111111aaaaaaaaa 10.20.33.164 10.0.1.5 10.20.33.164 10.0.1.5',
];

/** Version 5 example: every field up to version 5, an S3 download and its egress twin. */
export const DOC_V5_FORMAT =
  // biome-ignore lint/suspicious/noTemplateCurlyInString: AWS's LogFormat syntax, not a template
  '${version} ${srcaddr} ${dstaddr} ${srcport} ${dstport} ${protocol} ${start} ${end} ${type} ${packets} ${bytes} ${account-id} ${vpc-id} ${subnet-id} ${instance-id} ${interface-id} ${region} ${az-id} ${sublocation-type} ${sublocation-id} ${action} ${tcp-flags} ${pkt-srcaddr} ${pkt-dstaddr} ${pkt-src-aws-service} ${pkt-dst-aws-service} ${traffic-path} ${flow-direction} ${log-status}';
export const DOC_V5_RECORDS = [
  '5 52.95.128.179 10.0.0.71 80 34210 6 1616729292 1616729349 IPv4 14 15044 123456789012 vpc-abcdefab012345678 subnet-aaaaaaaa012345678 i-0c50d5961bcb2d47b eni-1235b8ca123456789 ap-southeast-2 apse2-az3 - - ACCEPT 19 52.95.128.179 10.0.0.71 S3 - - ingress OK',
  '5 10.0.0.71 52.95.128.179 34210 80 6 1616729292 1616729349 IPv4 7 471 123456789012 vpc-abcdefab012345678 subnet-aaaaaaaa012345678 i-0c50d5961bcb2d47b eni-1235b8ca123456789 ap-southeast-2 apse2-az3 - - ACCEPT 3 10.0.0.71 52.95.128.179 - S3 8 egress OK',
];

/** Version 4 (synthetic, in the doc's style): a Local Zone interface. */
export const V4_FORMAT =
  // biome-ignore lint/suspicious/noTemplateCurlyInString: AWS's LogFormat syntax, not a template
  '${version} ${interface-id} ${srcaddr} ${dstaddr} ${region} ${az-id} ${sublocation-type} ${sublocation-id} ${action} ${log-status}';
export const V4_RECORD =
  '4 eni-0123456789abcdef0 10.0.0.5 10.0.1.9 us-west-2 usw2-lax1-az1 localzone usw2-lax1-az1 ACCEPT OK';

/** Versions 7 and 8 (synthetic): ECS fields, and a rejection by VPC Block Public Access. */
export const V8_FORMAT =
  // biome-ignore lint/suspicious/noTemplateCurlyInString: AWS's LogFormat syntax, not a template
  '${version} ${interface-id} ${srcaddr} ${dstaddr} ${dstport} ${protocol} ${action} ${ecs-cluster-name} ${ecs-service-name} ${reject-reason} ${log-status}';
export const V8_RECORDS = [
  '7 eni-0123456789abcdef0 10.0.1.100 10.0.2.200 443 6 ACCEPT my-cluster my-service - OK',
  '8 eni-0123456789abcdef0 198.51.100.7 10.0.2.200 22 6 REJECT - - BPA OK',
];

/** Transit gateway flow log (version 6), all fields. */
export const TGW_HEADER =
  'version resource-type account-id tgw-id tgw-attachment-id tgw-src-vpc-account-id tgw-dst-vpc-account-id tgw-src-vpc-id tgw-dst-vpc-id tgw-src-subnet-id tgw-dst-subnet-id tgw-src-eni tgw-dst-eni tgw-src-az-id tgw-dst-az-id tgw-pair-attachment-id srcaddr dstaddr srcport dstport protocol packets bytes start end log-status type packets-lost-no-route packets-lost-blackhole packets-lost-mtu-exceeded packets-lost-ttl-expired tcp-flags region flow-direction pkt-src-aws-service pkt-dst-aws-service';
export const TGW_RECORD =
  '6 TransitGatewayAttachment 123456789012 tgw-0123456789abcdef0 tgw-attach-0123456789abcdef0 123456789012 210987654321 vpc-0123456789abcdef0 vpc-0fedcba9876543210 subnet-0123456789abcdef0 subnet-0fedcba9876543210 eni-0123456789abcdef0 eni-0fedcba9876543210 use1-az1 use1-az2 tgw-attach-0fedcba9876543210 10.0.1.5 10.20.33.164 49152 443 6 12 5120 1700000000 1700000060 OK IPv4 0 3 0 1 2 us-east-1 egress - -';

// ---- Elastic Load Balancing ----------------------------------------------------------------

const TG = 'arn:aws:elasticloadbalancing:us-east-2:123456789012:targetgroup/my-targets/73e2d6bc24d8a067';

/** ALB examples of the access-log page (29 fields). */
export const DOC_ALB = {
  http: `http 2018-07-02T22:23:00.186641Z app/my-loadbalancer/50dc6c495c0c9188 192.168.131.39:2817 10.0.0.1:80 0.000 0.001 0.000 200 200 34 366 "GET http://www.example.com:80/ HTTP/1.1" "curl/7.46.0" - - ${TG} "Root=1-58337262-36d228ad5d99923122bbe354" "-" "-" 0 2018-07-02T22:22:48.364000Z "forward" "-" "-" "10.0.0.1:80" "200" "-" "-"`,
  https: `https 2018-07-02T22:23:00.186641Z app/my-loadbalancer/50dc6c495c0c9188 192.168.131.39:2817 10.0.0.1:80 0.086 0.048 0.037 200 200 0 57 "GET https://www.example.com:443/ HTTP/1.1" "curl/7.46.0" ECDHE-RSA-AES128-GCM-SHA256 TLSv1.2 ${TG} "Root=1-58337281-1d84f3d73c47ec4e58577259" "www.example.com" "arn:aws:acm:us-east-2:123456789012:certificate/12345678-1234-1234-1234-123456789012" 1 2018-07-02T22:22:48.364000Z "authenticate,forward" "-" "-" "10.0.0.1:80" "200" "-" "-"`,
  h2: `h2 2018-07-02T22:23:00.186641Z app/my-loadbalancer/50dc6c495c0c9188 10.0.1.252:48160 10.0.0.66:9000 0.000 0.002 0.000 200 200 5 257 "GET https://10.0.2.105:773/ HTTP/2.0" "curl/7.46.0" ECDHE-RSA-AES128-GCM-SHA256 TLSv1.2 ${TG} "Root=1-58337327-72bd00b0343d75b906739c42" "-" "-" 1 2018-07-02T22:22:48.364000Z "redirect" "https://example.com:80/" "-" "10.0.0.66:9000" "200" "-" "-"`,
  ws: `ws 2018-07-02T22:23:00.186641Z app/my-loadbalancer/50dc6c495c0c9188 10.0.0.140:40914 10.0.1.192:8010 0.001 0.003 0.000 101 101 218 587 "GET http://10.0.0.30:80/ HTTP/1.1" "-" - - ${TG} "Root=1-58337364-23a8c76965a2ef7629b185e3" "-" "-" 1 2018-07-02T22:22:48.364000Z "forward" "-" "-" "10.0.1.192:8010" "101" "-" "-"`,
  wss: `wss 2018-07-02T22:23:00.186641Z app/my-loadbalancer/50dc6c495c0c9188 10.0.0.140:44244 10.0.0.171:8010 0.000 0.001 0.000 101 101 218 786 "GET https://10.0.0.30:443/ HTTP/1.1" "-" ECDHE-RSA-AES128-GCM-SHA256 TLSv1.2 ${TG} "Root=1-58337364-23a8c76965a2ef7629b185e3" "-" "-" 1 2018-07-02T22:22:48.364000Z "forward" "-" "-" "10.0.0.171:8010" "101" "-" "-"`,
  lambdaOk: `http 2018-11-30T22:23:00.186641Z app/my-loadbalancer/50dc6c495c0c9188 192.168.131.39:2817 - 0.000 0.001 0.000 200 200 34 366 "GET http://www.example.com:80/ HTTP/1.1" "curl/7.46.0" - - ${TG} "Root=1-58337364-23a8c76965a2ef7629b185e3" "-" "-" 0 2018-11-30T22:22:48.364000Z "forward" "-" "-" "-" "-" "-" "-"`,
  lambdaFailed: `http 2018-11-30T22:23:00.186641Z app/my-loadbalancer/50dc6c495c0c9188 192.168.131.39:2817 - 0.000 0.001 0.000 502 - 34 366 "GET http://www.example.com:80/ HTTP/1.1" "curl/7.46.0" - - ${TG} "Root=1-58337364-23a8c76965a2ef7629b185e3" "-" "-" 0 2018-11-30T22:22:48.364000Z "forward" "-" "LambdaInvalidResponse" "-" "-" "-" "-"`,
};

/** ALB with the newer trailing fields: conn_trace_id, the transform fields, and one field AWS may add later (synthetic). */
export const ALB_NEWER = `${DOC_ALB.http} TID_dc57cebed65b444ebc8177bb698fe166 "-" "-" "-" "future-field"`;

/** Classic Load Balancer examples. */
export const DOC_CLB = {
  http: '2015-05-13T23:39:43.945958Z my-loadbalancer 192.168.131.39:2817 10.0.0.1:80 0.000073 0.001048 0.000057 200 200 0 29 "GET http://www.example.com:80/ HTTP/1.1" "curl/7.38.0" - -',
  https:
    '2015-05-13T23:39:43.945958Z my-loadbalancer 192.168.131.39:2817 10.0.0.1:80 0.000086 0.001048 0.001337 200 200 0 57 "GET https://www.example.com:443/ HTTP/1.1" "curl/7.38.0" DHE-RSA-AES128-SHA TLSv1.2',
  tcp: '2015-05-13T23:39:43.945958Z my-loadbalancer 192.168.131.39:2817 10.0.0.1:80 0.001069 0.000028 0.000041 - - 82 305 "- - - " "-" - -',
  ssl: '2015-05-13T23:39:43.945958Z my-loadbalancer 192.168.131.39:2817 10.0.0.1:80 0.001065 0.000015 0.000023 - - 57 502 "- - - " "-" ECDHE-ECDSA-AES128-GCM-SHA256 TLSv1.2',
};

/** Network Load Balancer (TLS listener) examples, without and with ALPN, and with the newer trailing time. */
const NLB_HEAD =
  'tls 2.0 2018-12-20T02:59:40 net/my-network-loadbalancer/c6e77e28c25b2234 g3d4b5e8bb8464cd 72.21.218.154:51341 172.100.100.185:443 5 2 98 246 - arn:aws:acm:us-east-2:671290407336:certificate/2a108f19-aded-46b0-8493-c63eb1ef4a99 - ECDHE-RSA-AES128-SHA tlsv12 - my-network-loadbalancer-c6e77e28c25b2234.elb.us-east-2.amazonaws.com';
export const DOC_NLB = {
  plain: `${NLB_HEAD} - - -`,
  alpn: `${NLB_HEAD} h2 h2 "h2","http/1.1"`,
  creationTime: `${NLB_HEAD} h2 h2 "h2","http/1.1" 2020-04-01T08:51:20`,
};

/** ALB connection log entries (an mTLS handshake, and a plain connection with its trace id). */
export const DOC_ALB_CONN = {
  mtls: '2024-10-04T17:05:15.514108Z 192.168.131.39 36280 443 TLSv1.2 ECDHE-RSA-AES128-GCM-SHA256 4.036 "CN=amazondomains.com,OU=Cloud,O=Amazon,L=Seattle,ST=Washington,C=US" NotBefore=2023-09-21T22:43:21Z;NotAfter=2026-09-21T22:43:21Z FEF257372D5C14D4 Success',
  plain: '2024-11-29T13:45:24.599544Z 172.31.43.26 58206 80 - - - "-" - - - TID_16132ed0b4112148',
  failed:
    '2024-11-29T13:45:25.000001Z 198.51.100.9 41000 443 TLSv1.3 TLS_AES_128_GCM_SHA256 0.004 "CN=client" NotBefore=2023-09-21T22:43:21Z;NotAfter=2026-09-21T22:43:21Z 0A1B2C3D Failed:UnmappedConnectionError TID_16132ed0b4112149',
};
