import { createServer, request, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.js';
import { startVeniceServer, type VeniceServer } from '../support/venice-server.js';

/** SPEC §6: HTTP_PROXY / HTTPS_PROXY / NO_PROXY are honoured (through undici's EnvHttpProxyAgent). */
let venice: VeniceServer;
let proxy: Server;
let proxyUrl: string;
const seen: string[] = [];

beforeAll(async () => {
  venice = await startVeniceServer();
  // A minimal forward proxy for plain http: absolute-form request lines, relayed as they are.
  proxy = createServer((req, res) => {
    seen.push(`${req.method} ${req.url}`);
    const target = new URL(req.url ?? '/');
    const upstream = request(target, { method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  // undici tunnels through CONNECT, also for http:// targets.
  proxy.on('connect', (req, client, head) => {
    seen.push(`CONNECT ${req.url}`);
    const [host, port] = (req.url ?? '').split(':');
    const upstream = connect(Number(port), host, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
});
afterAll(async () => {
  proxy.closeAllConnections();
  await new Promise((resolve) => proxy.close(resolve));
  await venice.close();
});

describe('a proxy from the environment', () => {
  it('HTTP_PROXY: the request goes through the proxy and the list is live', async () => {
    seen.length = 0;
    const r = await runCli(['models', 'list', '--json', '--base-url', venice.baseUrl], { env: { HTTP_PROXY: proxyUrl } });
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ source: 'live' });
    const { host } = new URL(venice.baseUrl);
    expect(seen.some((line) => line === `CONNECT ${host}` || line === `GET ${venice.baseUrl}/models?type=text`)).toBe(true);
  });

  it('NO_PROXY covering the host: the proxy is bypassed', async () => {
    seen.length = 0;
    const r = await runCli(['models', 'list', '--json', '--base-url', venice.baseUrl], { env: { HTTP_PROXY: proxyUrl, NO_PROXY: '127.0.0.1' } });
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ source: 'live' });
    expect(seen).toEqual([]);
  });
});
