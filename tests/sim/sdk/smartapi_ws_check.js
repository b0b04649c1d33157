// Records what the official smartapi-javascript SDK's WebSocket V2 client (npm
// smartapi-javascript@1.0.27) decodes from a running striked sim's /smart-stream: only the URL
// is changed (the SDK reads it from its CONSTANTS). Logs in with the SDK's REST client, subscribes
// the given tokens in LTP, Quote and SnapQuote modes, and writes every decoded tick as a JSON
// line until SECONDS have passed. Run by run_js_ws_check.sh.
// Usage: node smartapi_ws_check.js HTTPS_PORT ADMIN_PORT SECONDS OUT_FILE LTP_TOKEN QUOTE_TOKEN SNAP_TOKEN
// with NODE_EXTRA_CA_CERTS set to the simulator certificate.
const { SmartAPI, WebSocketV2 } = require('smartapi-javascript');
const { CONSTANTS } = require('smartapi-javascript/config/constant');
const fs = require('fs');
const http = require('http');
const [https_port, admin_port, seconds, out_file, ltp_token, quote_token, snap_token] = process.argv.slice(2);
process.on('unhandledRejection', () => {});  // the SDK's public-IP lookup has no network here
function admin(path) {
  return new Promise((res, rej) => http.get({ host: '127.0.0.1', port: admin_port, path }, r => {
    let b = ''; r.on('data', d => b += d); r.on('end', () => res(JSON.parse(b)));
  }).on('error', rej));
}
function exchange_of(token) { return token.startsWith('999') ? 1 : 2; }
(async () => {
  const api = new SmartAPI({ api_key: 'simkey01', root: `https://127.0.0.1:${https_port}` });
  const totp = (await admin('/admin/totp?client=SIM001')).totp;
  const login = await api.generateSession('SIM001', '1234', totp);
  if (!login.status) throw new Error('login failed: ' + JSON.stringify(login));
  CONSTANTS.websocketURL = `wss://127.0.0.1:${https_port}/smart-stream`;
  const ws = new WebSocketV2({ clientcode: 'SIM001', jwttoken: login.data.jwtToken, apikey: 'simkey01',
                               feedtype: login.data.feedToken });
  const out = fs.createWriteStream(out_file);
  let ticks = 0;
  ws.on('tick', t => {
    if (typeof t !== 'object' || t === null || !('subscription_mode' in t)) return;  // "pong"
    ++ticks;
    out.write(JSON.stringify(t, (k, v) => typeof v === 'bigint' ? v.toString() : v) + '\n');
  });
  await ws.connect();
  [[1, ltp_token], [2, quote_token], [3, snap_token]].forEach(([mode, token], i) =>
    ws.fetchData({ correlationID: 'sdkcheck0' + i, action: 1, mode, exchangeType: exchange_of(token), tokens: [token] }));
  fs.writeFileSync(out_file + '.ready', '');  // logged in and subscribed: others may log in now
  setTimeout(() => {
    ws.close();
    out.end(() => { console.log(`sdk: ${ticks} ticks decoded`); process.exit(0); });
  }, Number(seconds) * 1000);
})().catch(e => { console.error('FAILED', e); process.exit(1); });
