// Compares the official SDK's decoded ticks (smartapi_ws_check.js output) with `striked feed`
// JSON lines for the same frames, matched by (mode, token, exchange time). Every field both
// decode must be equal; the OI-change field is a documented dummy and is not compared.
// Usage: node compare_ticks.js SDK_FILE STRIKED_FILE...   Exit 1 on any difference or no overlap.
const fs = require('fs');
const [sdk_file, ...striked_files] = process.argv.slice(2);
const lines = f => fs.readFileSync(f, 'utf8').split('\n').filter(l => l.length > 0).map(l => JSON.parse(l));
const mode_names = { 1: 'ltp', 2: 'quote', 3: 'snap' };
const key = (mode, token, ms) => `${mode}/${token}/${ms}`;
const sdk = new Map();
for (const t of lines(sdk_file)) {
  const token = JSON.parse(t.token);  // the SDK leaves the token JSON-quoted
  sdk.set(key(mode_names[t.subscription_mode], token, t.exchange_timestamp), t);
}
const ns_to_ms = ns => (BigInt(ns) / 1000000n).toString();
const ns_to_s = ns => (BigInt(ns) / 1000000000n).toString();
let compared = 0, fields = 0, differences = 0;
const by_mode = { ltp: 0, quote: 0, snap: 0 };
function same(what, a, b, ctx) {
  ++fields;
  if (String(a) === String(b)) return;
  ++differences;
  console.log(`DIFFERENT ${ctx} ${what}: sdk ${a} striked ${b}`);
}
for (const f of striked_files) {
  for (const s of lines(f)) {
    const t = sdk.get(key(s.mode, s.token, ns_to_ms(s.exchange_time_ns)));
    if (!t) continue;
    const ctx = `${s.mode} ${s.exchange}:${s.token} @${ns_to_ms(s.exchange_time_ns)}`;
    ++compared; ++by_mode[s.mode];
    same('exchange_type', t.exchange_type, { NSE: 1, NFO: 2 }[s.exchange], ctx);
    same('sequence', t.sequence_number, s.sequence, ctx);
    same('ltp', t.last_traded_price, s.ltp, ctx);
    if (s.mode === 'ltp') continue;
    same('last_qty', t.last_traded_quantity, s.last_qty, ctx);
    same('avg_price', t.avg_traded_price, s.avg_price, ctx);
    same('volume', t.vol_traded, s.volume, ctx);
    same('total_buy_qty', t.total_buy_quantity, s.total_buy_qty, ctx);
    same('total_sell_qty', t.total_sell_quantity, s.total_sell_qty, ctx);
    same('open', t.open_price_day, s.open, ctx);
    same('high', t.high_price_day, s.high, ctx);
    same('low', t.low_price_day, s.low, ctx);
    same('close', t.close_price, s.close, ctx);
    if (s.mode === 'quote') continue;
    same('last_trade_time', t.last_traded_timestamp, ns_to_s(s.last_trade_time_ns), ctx);
    same('oi', t.open_interest, s.oi, ctx);
    for (let i = 0; i < 5; ++i) {
      for (const [side, sdk_side] of [['bids', 'best_5_buy_data'], ['asks', 'best_5_sell_data']]) {
        same(`${side}[${i}].qty`, t[sdk_side][i].quantity, s.depth[side][i].qty, ctx);
        same(`${side}[${i}].price`, t[sdk_side][i].price, s.depth[side][i].price, ctx);
        same(`${side}[${i}].orders`, t[sdk_side][i].no_of_orders, s.depth[side][i].orders, ctx);
      }
    }
    same('upper_circuit', t.upper_circuit, s.upper_circuit, ctx);
    same('lower_circuit', t.lower_circuit, s.lower_circuit, ctx);
    same('high_52w', t.fiftytwo_week_high, s.high_52w, ctx);
    same('low_52w', t.fiftytwo_week_low, s.low_52w, ctx);
  }
}
console.log(`compared ${compared} ticks (ltp ${by_mode.ltp}, quote ${by_mode.quote}, snap ${by_mode.snap}), ` +
            `${fields} fields, ${differences} different`);
process.exit(differences === 0 && by_mode.ltp > 0 && by_mode.quote > 0 && by_mode.snap > 0 ? 0 : 1);
