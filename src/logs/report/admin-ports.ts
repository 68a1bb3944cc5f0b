/** Administrative ports the summary reports on (remote shells and desktops), as data. */
export const ADMIN_PORTS: readonly { readonly port: number; readonly service: string }[] = [
  { port: 22, service: 'SSH' },
  { port: 23, service: 'Telnet' },
  { port: 3389, service: 'RDP' },
  { port: 5900, service: 'VNC' },
  { port: 5985, service: 'WinRM (HTTP)' },
  { port: 5986, service: 'WinRM (HTTPS)' },
];

/** Port -> index in ADMIN_PORTS + 1 (0: not an administrative port). */
export const ADMIN_INDEX = new Int8Array(65536);
ADMIN_PORTS.forEach((a, i) => {
  ADMIN_INDEX[a.port] = i + 1;
});
