// Drives the official smartapi-javascript SDK (npm smartapi-javascript@1.0.27) against a running
// striked sim; only the root URL is changed. Usage: node smartapi_js_check.js HTTPS_PORT ADMIN_PORT
// with NODE_EXTRA_CA_CERTS set to the simulator certificate. Run by run_js_sdk_check.sh.
const { SmartAPI } = require('smartapi-javascript');
const http = require('http');
const [https_port, admin_port] = process.argv.slice(2);
process.on('unhandledRejection', () => {});  // the SDK's public-IP lookup has no network here
function admin(path) {
  return new Promise((res, rej) => http.get({host: '127.0.0.1', port: admin_port, path}, r => {
    let b = ''; r.on('data', d => b += d); r.on('end', () => res(JSON.parse(b)));
  }).on('error', rej));
}
(async () => {
  const api = new SmartAPI({ api_key: 'simkey01', root: `https://127.0.0.1:${https_port}` });
  const totp = (await admin('/admin/totp?client=SIM001')).totp;
  const login = await api.generateSession('SIM001', '1234', totp);
  console.log('login', login.status, login.data && Object.keys(login.data).join(','));
  const prof = await api.getProfile(); console.log('profile', prof.status, prof.data.clientcode);
  const order = { variety: 'NORMAL', tradingsymbol: 'NIFTY13JAN2626000CE', symboltoken: '40123', transactiontype: 'BUY',
    exchange: 'NFO', ordertype: 'LIMIT', producttype: 'CARRYFORWARD', duration: 'DAY', price: '1.00', squareoff: '0',
    stoploss: '0', quantity: '65', ordertag: 'sdk-js-1' };
  const placed = await api.placeOrder(order); console.log('place', placed.status, JSON.stringify(placed.data));
  const mod = await api.modifyOrder({ ...order, orderid: placed.data.orderid, price: '2.00' });
  console.log('modify', mod.status, mod.data && mod.data.orderid);
  const det = await api.indOrderDetails(placed.data.uniqueorderid); console.log('details', det.status, det.data.status, det.data.price);
  const can = await api.cancelOrder({ variety: 'NORMAL', orderid: placed.data.orderid }); console.log('cancel', can.status);
  const mkt = await api.placeOrder({ ...order, ordertype: 'MARKET', price: '0', ordertag: 'sdk-js-2' }); console.log('market', mkt.status);
  const book = await api.getOrderBook(); console.log('book', book.status, book.data.map(o => o.orderid + ':' + o.status + ':' + o.ordertag).join(' '));
  const trades = await api.getTradeBook(); console.log('trades', trades.status, trades.data.length);
  const pos = await api.getPosition(); console.log('positions', pos.status, pos.data.map(p => p.tradingsymbol + ' ' + p.netqty).join(' '));
  const rms = await api.getRMS(); console.log('rms', rms.status, rms.data.net);
  const candles = await api.getCandleData({ exchange: 'NSE', symboltoken: '99926000', interval: 'FIVE_MINUTE',
    fromdate: '2026-01-05 09:15', todate: '2026-01-05 10:00' });
  console.log('candles', candles.status, candles.data.length, JSON.stringify(candles.data[0]));
  const q = await api.marketData({ mode: 'OHLC', exchangeTokens: { NSE: ['99926000', '99926017'], NFO: ['40123'] } });
  console.log('quote', q.status, q.data.fetched.map(x => x.tradingSymbol + '=' + x.ltp).join(' '));
  const out = await api.logout('SIM001'); console.log('logout', out.status);
  const after = await api.getProfile(); console.log('after logout', JSON.stringify(after));
  process.exit(0);
})().catch(e => { console.error('FAILED', e); process.exit(1); });
