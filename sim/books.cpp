#include "sim/books.hpp"

#include "sim/json_fields.hpp"
#include "sim/time_text.hpp"

namespace strike::sim {
namespace {
std::string num(std::int64_t v) {
  return std::to_string(v);
}
std::string strike_text(const instrument& i) {
  return i.is_index ? "-1" : rupees_text(i.strike_paise);
}
std::string avg_text(std::int64_t value, std::int64_t qty) {
  return rupees_text(qty == 0 ? 0 : value / qty);
}
}  // namespace

void write_order_row(base::json_writer& w, const order& o) {
  const auto& r = o.req;
  const auto& i = *o.inst;
  w.begin_object();
  w.key("variety").value(r.variety).key("ordertype").value(kind_text(r.kind));
  w.key("producttype").value(r.producttype).key("duration").value(r.duration);
  w.key("price").value(rupees(r.price)).key("triggerprice").value(rupees(r.trigger));
  w.key("quantity").value(num(r.quantity)).key("disclosedquantity").value(num(r.disclosed));
  w.key("squareoff").value(0.0).key("stoploss").value(0.0).key("trailingstoploss").value(0.0);
  w.key("tradingsymbol")
      .value(r.tradingsymbol)
      .key("transactiontype")
      .value(r.buy ? "BUY" : "SELL");
  w.key("exchange")
      .value(r.exchange)
      .key("symboltoken")
      .value(r.symboltoken)
      .key("ordertag")
      .value(r.ordertag);
  w.key("instrumenttype").value(i.is_index ? "" : i.instrumenttype);
  w.key("strikeprice").value(i.is_index ? -1.0 : rupees(i.strike_paise));
  w.key("optiontype").value(i.option_type()).key("expirydate").value(i.expiry);
  w.key("lotsize").value(num(i.lot_size)).key("cancelsize").value(num(o.cancelled));
  w.key("averageprice").value(rupees(o.average_price()));
  w.key("filledshares")
      .value(num(o.filled))
      .key("unfilledshares")
      .value(num(r.quantity - o.filled));
  w.key("orderid").value(o.orderid).key("text").value(o.text);
  w.key("status").value(status_text(o.status)).key("orderstatus").value(status_text(o.status));
  w.key("updatetime")
      .value(book_time(o.updated_ns))
      .key("exchtime")
      .value(book_time(o.exchange_ns));
  w.key("exchorderupdatetime").value(book_time(o.exchange_ns ? o.updated_ns : 0));
  w.key("fillid")
      .value(o.last_fill_id)
      .key("filltime")
      .value(o.last_fill_ns ? clock_time(o.last_fill_ns) : "");
  w.key("parentorderid").value("").key("uniqueorderid").value(o.uniqueorderid);
  w.end_object();
}

void write_trade_row(base::json_writer& w, const fill& f) {
  const auto& i = *f.inst;
  w.begin_object();
  w.key("exchange").value(i.exch_seg).key("producttype").value(f.producttype);
  w.key("tradingsymbol").value(i.symbol).key("instrumenttype").value(i.instrumenttype);
  w.key("symbolgroup").value("XX").key("strikeprice").value(strike_text(i));
  w.key("optiontype").value(i.option_type()).key("expirydate").value(i.expiry);
  w.key("marketlot")
      .value(num(i.lot_size))
      .key("precision")
      .value("2")
      .key("multiplier")
      .value("-1");
  w.key("tradevalue").value(rupees_text(f.price * f.quantity));
  w.key("transactiontype").value(f.buy ? "BUY" : "SELL");
  w.key("fillprice").value(rupees_text(f.price)).key("fillsize").value(num(f.quantity));
  w.key("orderid")
      .value(f.orderid)
      .key("fillid")
      .value(f.fillid)
      .key("filltime")
      .value(clock_time(f.time_ns));
  w.end_object();
}

std::vector<position> positions_of(const std::vector<fill>& fills, const std::string& client_code) {
  std::vector<position> out;
  for (const auto& f : fills) {
    if (f.client_code != client_code) continue;
    position* p = nullptr;
    for (auto& x : out)
      if (x.inst == f.inst && x.producttype == f.producttype) p = &x;
    if (p == nullptr) {
      out.push_back(position{f.inst, f.producttype});
      p = &out.back();
    }
    (f.buy ? p->buy_qty : p->sell_qty) += f.quantity;
    (f.buy ? p->buy_value : p->sell_value) += f.price * f.quantity;
  }
  return out;
}

std::int64_t position_pnl(const position& p, std::int64_t ltp) {
  return p.sell_value - p.buy_value + p.net_qty() * ltp;
}

void write_position_row(base::json_writer& w, const position& p, std::int64_t ltp) {
  const auto& i = *p.inst;
  const std::int64_t net = p.net_qty();
  const std::int64_t net_value = p.sell_value - p.buy_value;
  w.begin_object();
  w.key("exchange")
      .value(i.exch_seg)
      .key("symboltoken")
      .value(i.token)
      .key("producttype")
      .value(p.producttype);
  w.key("tradingsymbol")
      .value(i.symbol)
      .key("symbolname")
      .value(i.name)
      .key("instrumenttype")
      .value(i.instrumenttype);
  w.key("priceden")
      .value("1.00")
      .key("pricenum")
      .value("1.00")
      .key("genden")
      .value("1.00")
      .key("gennum")
      .value("1.00");
  w.key("precision").value("2").key("multiplier").value("-1").key("boardlotsize").value("1");
  w.key("buyqty").value(num(p.buy_qty)).key("sellqty").value(num(p.sell_qty));
  w.key("buyamount")
      .value(rupees_text(p.buy_value))
      .key("sellamount")
      .value(rupees_text(p.sell_value));
  w.key("symbolgroup").value("XX").key("strikeprice").value(strike_text(i));
  w.key("optiontype").value(i.option_type()).key("expirydate").value(i.expiry);
  w.key("lotsize").value(num(i.lot_size));
  w.key("cfbuyqty")
      .value("0")
      .key("cfsellqty")
      .value("0")
      .key("cfbuyamount")
      .value("0.00")
      .key("cfsellamount")
      .value("0.00");
  w.key("buyavgprice")
      .value(avg_text(p.buy_value, p.buy_qty))
      .key("sellavgprice")
      .value(avg_text(p.sell_value, p.sell_qty));
  w.key("avgnetprice").value(avg_text(net == 0 ? 0 : -net_value, net == 0 ? 1 : net));
  w.key("netvalue").value(rupees_text(net_value)).key("netqty").value(num(net));
  w.key("totalbuyvalue")
      .value(rupees_text(p.buy_value))
      .key("totalsellvalue")
      .value(rupees_text(p.sell_value));
  w.key("cfbuyavgprice").value("0.00").key("cfsellavgprice").value("0.00");
  w.key("totalbuyavgprice").value(avg_text(p.buy_value, p.buy_qty));
  w.key("totalsellavgprice").value(avg_text(p.sell_value, p.sell_qty));
  w.key("netprice").value(avg_text(net == 0 ? 0 : -net_value, net == 0 ? 1 : net));
  w.key("ltp").value(rupees_text(ltp)).key("pnl").value(rupees_text(position_pnl(p, ltp)));
  w.end_object();
}

}  // namespace strike::sim
