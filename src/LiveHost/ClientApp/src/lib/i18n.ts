// English and Simplified Chinese, the seed rooms' audiences. The language comes from the browser unless
// the user picked one (kept in localStorage); `{name}` placeholders are filled from the arguments.
export type Lang = 'en' | 'zh-CN';

const en = {
  'app.name': 'LiveCommerce',
  'lang.switch': '中文',
  'home.live': 'Live now', 'home.scheduled': 'Coming up', 'home.none': 'No live rooms right now.',
  'home.noneScheduled': 'Nothing scheduled.', 'home.studio': 'Host studio', 'home.startsAt': 'Starts {time}',
  'home.by': 'by {host}', 'home.watch': 'Watch',
  'room.viewers': '{count} watching', 'room.likes': '{count} likes', 'room.like': 'Like',
  'room.live': 'LIVE', 'room.scheduled': 'Scheduled', 'room.ended': 'Ended', 'room.noVideo': 'No video for this room',
  'room.share': 'Share', 'room.shared': 'Link copied', 'room.notFound': 'This room does not exist.',
  'link.connecting': 'Connecting…', 'link.reconnecting': 'Reconnecting…',
  'chat.placeholder': 'Say something…', 'chat.send': 'Send', 'chat.signIn': 'Sign in to chat',
  'chat.translate': 'Translate', 'chat.translateTo': 'Translate to', 'chat.host': 'Host', 'chat.moderator': 'Mod', 'chat.slow': 'Slow mode: one comment every {seconds} s',
  'auth.pickName': 'Pick a name', 'auth.signIn': 'Sign in', 'auth.signOut': 'Sign out', 'auth.guest': 'Watching as a guest',
  'auth.pasteToken': 'or paste a token', 'auth.useToken': 'Use token', 'auth.hello': 'Hi, {name}',
  'auth.noDevTokens': 'This server issues no dev tokens: paste a token instead.',
  'shelf.title': 'Products', 'shelf.add': 'Add to cart', 'shelf.added': 'Added to cart', 'shelf.stock': '{count} left',
  'shelf.voucher': 'Voucher · {place}',
  'pinned.title': 'Pinned',
  'sale.title': 'Flash sale', 'sale.startsIn': 'Starts in {time}', 'sale.endsIn': 'Ends in {time}', 'sale.left': '{remaining} / {quantity} left',
  'sale.buy': 'Buy now', 'sale.buying': 'Buying…', 'sale.limit': 'Up to {count} per person', 'sale.ended': 'Sale over',
  'sale.reserved': 'Reserved! Pay within {time}', 'sale.soldOut': 'Sold out', 'sale.limitExceeded': 'You reached the limit for this sale',
  'sale.notActive': 'This sale is not running', 'sale.notStarted': 'Not open yet', 'sale.regionBlocked': 'Not sold in your region',
  'order.pay': 'Pay', 'order.cancel': 'Cancel', 'order.paid': 'Paid', 'order.holdEnds': 'Held for {time}',
  'order.status.pendingPayment': 'Awaiting payment', 'order.status.paid': 'Paid', 'order.status.expired': 'Expired', 'order.status.cancelled': 'Cancelled',
  'tabs.shelf': 'Shop', 'tabs.cart': 'Cart ({count})', 'tabs.orders': 'Orders',
  'cart.empty': 'Your cart is empty.', 'cart.subtotal': 'Subtotal', 'cart.discount': 'Coupon', 'cart.total': 'Total',
  'cart.checkout': 'Checkout', 'cart.remove': 'Remove', 'cart.coupon': 'Coupon', 'cart.noCoupon': 'No coupon',
  'cart.step1': '1 Cart', 'cart.step2': '2 Pay', 'cart.step3': '3 Done', 'cart.done': 'Thank you! Order {orderId} is paid.',
  'orders.none': 'No orders yet.', 'orders.vouchers': 'Vouchers', 'orders.refresh': 'Refresh', 'orders.voucherRefund': 'Refund',
  'auction.title': 'Live auction', 'auction.current': 'Current bid', 'auction.start': 'Starting bid', 'auction.leader': 'Leading: {name}',
  'auction.bids': '{count} bids', 'auction.endsIn': 'Ends in {time}', 'auction.quickBid': 'Bid {amount}', 'auction.maxBid': 'Max bid',
  'auction.placeMax': 'Bid up to', 'auction.outbid': 'You were outbid ({amount})', 'auction.won': 'You won the auction! Pay for your order.',
  'auction.leading': 'You are leading', 'auction.tooLow': 'Bid too low', 'auction.ended': 'Auction ended', 'auction.notActive': 'Auction not running',
  'auction.soldTo': 'Sold to {name} for {amount}', 'auction.noBids': 'Ended without bids', 'auction.regionBlocked': 'Not sold in your region',
  'auction.suddenDeath': 'Sudden death',
  'giveaway.title': 'Giveaway', 'giveaway.enter': 'Enter', 'giveaway.entrants': '{count} entered', 'giveaway.endsIn': 'Draw in {time}',
  'giveaway.keyword': 'Comment "{keyword}" to enter', 'giveaway.watch': 'Watch {seconds} s to enter',
  'giveaway.entered': 'You are in!', 'giveaway.alreadyEntered': 'You are already in', 'giveaway.notEligible': 'Not eligible yet',
  'giveaway.ended': 'The draw is over', 'giveaway.regionBlocked': 'Not available in your region',
  'giveaway.missing.keyword': 'Comment the keyword first', 'giveaway.missing.watchTime': 'Keep watching a little longer',
  'giveaway.winners': 'Winners', 'giveaway.noWinners': 'No entrants', 'giveaway.verify': 'Verify the draw',
  'giveaway.verified': 'Verified: the seed matches its hash and the rule gives these winners.', 'giveaway.mismatch': 'Does not match: {why}',
  'giveaway.won': 'You won the giveaway: {prize}', 'giveaway.seedHash': 'Seed hash', 'giveaway.insecure': 'Verification needs a secure page (https or localhost).',
  'coupon.title': 'Coupon', 'coupon.percent': '{value}% off', 'coupon.amount': '{value} off', 'coupon.minSpend': 'on {amount} or more',
  'coupon.claim': 'Claim', 'coupon.left': '{count} left', 'coupon.endsIn': 'Claim within {time}', 'coupon.claimed': 'Coupon claimed: use it at checkout',
  'coupon.alreadyClaimed': 'Already claimed', 'coupon.soldOut': 'All claimed', 'coupon.ended': 'Coupon drop over', 'coupon.regionBlocked': 'Not available in your region',
  'coupon.close': 'Close',
  'buying.one': '{name} is buying {product}', 'buying.lastMinute': '{count} orders in the last minute',
  'c2b.reserved': 'Your comment reserved it: pay in Orders', 'c2b.addedToCart': 'Added to your cart', 'c2b.soldOut': 'Sold out',
  'c2b.limitExceeded': 'Limit reached', 'c2b.regionBlocked': 'Not sold in your region', 'c2b.notFound': 'No such product',
  'err.unauthorized': 'Sign in first.', 'err.forbidden': 'You are not allowed to do that.', 'err.not_found': 'Not found.',
  'err.invalid_argument': 'Not accepted: {detail}', 'err.rate_limited': 'Slow down: too many messages. Try again in a few seconds.',
  'err.muted': 'You are muted in this room for now.', 'err.blocked_content': 'Your comment contains a blocked word.',
  'err.room_not_live': 'The room is not live.', 'err.conflict': 'Not possible right now: {detail}',
  'err.payload_too_large': 'That is too long.', 'err.unavailable': 'The server is busy; try again shortly.',
  'studio.title': 'Host studio', 'studio.signIn': 'Sign in as a host', 'studio.myRooms': 'Your rooms', 'studio.create': 'Create a room',
  'studio.roomTitle': 'Title', 'studio.regions': 'Sell regions (comma separated, empty = everywhere)', 'studio.language': 'Language',
  'studio.streamUrl': 'Stream URL (HLS)', 'studio.cover': 'Cover image URL', 'studio.buyKeyword': 'Buy keyword', 'studio.schedule': 'Scheduled start',
  'studio.goLive': 'Go live', 'studio.end': 'End the stream', 'studio.open': 'Open', 'studio.viewerPage': 'Viewer page',
  'studio.products': 'Products', 'studio.addProduct': 'Add product', 'studio.productId': 'Id', 'studio.name': 'Name', 'studio.price': 'Price',
  'studio.currency': 'Currency', 'studio.stock': 'Stock', 'studio.image': 'Image URL', 'studio.kind': 'Kind', 'studio.goods': 'Goods', 'studio.voucherKind': 'Voucher',
  'studio.validDays': 'Valid days', 'studio.redeemAt': 'Redeem at', 'studio.commission': 'Commission rate (0–0.8)',
  'studio.pin': 'Pin', 'studio.unpin': 'Unpin',
  'studio.flashSale': 'Flash sale', 'studio.quantity': 'Quantity', 'studio.perUser': 'Per user', 'studio.duration': 'Duration (s)',
  'studio.preheat': 'Pre-heat (s, 0 = now)', 'studio.startSale': 'Start sale', 'studio.endSale': 'End',
  'studio.auction': 'Auction', 'studio.startingBid': 'Starting bid', 'studio.counterBid': 'Counter-bid seconds', 'studio.startAuction': 'Start auction',
  'studio.cancelAuction': 'Cancel auction',
  'studio.giveaway': 'Giveaway', 'studio.prize': 'Prize', 'studio.winners': 'Winners', 'studio.keyword': 'Keyword', 'studio.minWatch': 'Min. watch (s)',
  'studio.startGiveaway': 'Start giveaway', 'studio.draw': 'Draw now',
  'studio.coupon': 'Coupon drop', 'studio.discountType': 'Type', 'studio.discountValue': 'Value', 'studio.minSpend': 'Min. spend', 'studio.quota': 'Quota',
  'studio.claimSeconds': 'Claim window (s)', 'studio.validSeconds': 'Valid (s)', 'studio.productIds': 'Products (ids, comma separated)', 'studio.drop': 'Drop coupon',
  'studio.moderation': 'Moderation', 'studio.delete': 'Delete', 'studio.mute': 'Mute 5 min', 'studio.shadowBan': 'Shadow ban',
  'studio.slowMode': 'Slow mode (s)', 'studio.set': 'Set', 'studio.blockedWords': 'Blocked words (one per line)', 'studio.moderators': 'Moderators',
  'studio.addModerator': 'Add', 'studio.remove': 'Remove', 'studio.log': 'Moderation log', 'studio.refresh': 'Refresh',
  'studio.figures': 'Live figures', 'studio.orders': 'Orders', 'studio.gmv': 'GMV', 'studio.conversion': 'Conversion', 'studio.perMinute': 'per minute',
  'studio.units': 'Units sold', 'studio.comments': 'Comments', 'studio.export': 'Export chat (CSV)', 'studio.notHost': 'Only the room\'s host can run it.',
  'studio.saved': 'Done', 'studio.chat': 'Chat',
};

type Key = keyof typeof en;

const zh: Partial<Record<Key, string>> = {
  'lang.switch': 'English',
  'home.live': '正在直播', 'home.scheduled': '即将开播', 'home.none': '暂无直播。', 'home.noneScheduled': '暂无预告。', 'home.studio': '主播工作台',
  'home.startsAt': '{time} 开播', 'home.by': '主播 {host}', 'home.watch': '观看',
  'room.viewers': '{count} 人在看', 'room.likes': '{count} 赞', 'room.like': '点赞', 'room.live': '直播中', 'room.scheduled': '预告', 'room.ended': '已结束',
  'room.noVideo': '本场暂无视频', 'room.share': '分享', 'room.shared': '链接已复制', 'room.notFound': '直播间不存在。',
  'link.connecting': '连接中…', 'link.reconnecting': '重新连接中…',
  'chat.placeholder': '说点什么…', 'chat.send': '发送', 'chat.signIn': '登录后评论', 'chat.translate': '翻译', 'chat.translateTo': '翻译成', 'chat.host': '主播', 'chat.moderator': '房管',
  'chat.slow': '慢速模式：每 {seconds} 秒一条',
  'auth.pickName': '起个名字', 'auth.signIn': '登录', 'auth.signOut': '退出', 'auth.guest': '游客观看中', 'auth.pasteToken': '或粘贴令牌',
  'auth.useToken': '使用令牌', 'auth.hello': '你好，{name}', 'auth.noDevTokens': '此服务器不签发开发令牌：请粘贴令牌。',
  'shelf.title': '商品', 'shelf.add': '加入购物车', 'shelf.added': '已加入购物车', 'shelf.stock': '剩余 {count}', 'shelf.voucher': '团购券 · {place}',
  'pinned.title': '讲解中',
  'sale.title': '限时秒杀', 'sale.startsIn': '{time} 后开抢', 'sale.endsIn': '{time} 后结束', 'sale.left': '剩余 {remaining} / {quantity}',
  'sale.buy': '立即抢购', 'sale.buying': '抢购中…', 'sale.limit': '每人限购 {count} 件', 'sale.ended': '秒杀已结束',
  'sale.reserved': '抢到了！请在 {time} 内付款', 'sale.soldOut': '已抢光', 'sale.limitExceeded': '已达限购数量', 'sale.notActive': '秒杀未进行',
  'sale.notStarted': '尚未开抢', 'sale.regionBlocked': '您所在地区不售',
  'order.pay': '付款', 'order.cancel': '取消', 'order.paid': '已付款', 'order.holdEnds': '保留 {time}',
  'order.status.pendingPayment': '待付款', 'order.status.paid': '已付款', 'order.status.expired': '已过期', 'order.status.cancelled': '已取消',
  'tabs.shelf': '购物', 'tabs.cart': '购物车（{count}）', 'tabs.orders': '订单',
  'cart.empty': '购物车是空的。', 'cart.subtotal': '小计', 'cart.discount': '优惠券', 'cart.total': '合计', 'cart.checkout': '结算', 'cart.remove': '删除',
  'cart.coupon': '优惠券', 'cart.noCoupon': '不使用优惠券', 'cart.step1': '1 购物车', 'cart.step2': '2 付款', 'cart.step3': '3 完成',
  'cart.done': '谢谢！订单 {orderId} 已付款。',
  'orders.none': '暂无订单。', 'orders.vouchers': '团购券', 'orders.refresh': '刷新', 'orders.voucherRefund': '退款',
  'auction.title': '直播拍卖', 'auction.current': '当前出价', 'auction.start': '起拍价', 'auction.leader': '领先：{name}', 'auction.bids': '{count} 次出价',
  'auction.endsIn': '{time} 后结束', 'auction.quickBid': '出价 {amount}', 'auction.maxBid': '最高出价', 'auction.placeMax': '委托出价',
  'auction.outbid': '您的出价已被超过（{amount}）', 'auction.won': '恭喜拍得！请支付订单。', 'auction.leading': '您目前领先', 'auction.tooLow': '出价太低',
  'auction.ended': '拍卖已结束', 'auction.notActive': '拍卖未进行', 'auction.soldTo': '{name} 以 {amount} 拍得', 'auction.noBids': '流拍',
  'auction.regionBlocked': '您所在地区不售', 'auction.suddenDeath': '不延时',
  'giveaway.title': '福袋抽奖', 'giveaway.enter': '参与', 'giveaway.entrants': '{count} 人参与', 'giveaway.endsIn': '{time} 后开奖',
  'giveaway.keyword': '评论“{keyword}”即可参与', 'giveaway.watch': '观看 {seconds} 秒即可参与', 'giveaway.entered': '参与成功！',
  'giveaway.alreadyEntered': '您已参与', 'giveaway.notEligible': '暂不满足条件', 'giveaway.ended': '已开奖', 'giveaway.regionBlocked': '您所在地区不可参与',
  'giveaway.missing.keyword': '请先评论口令', 'giveaway.missing.watchTime': '再多看一会儿', 'giveaway.winners': '中奖者', 'giveaway.noWinners': '无人参与',
  'giveaway.verify': '验证开奖', 'giveaway.verified': '验证通过：种子与哈希一致，规则算出的中奖者相同。', 'giveaway.mismatch': '验证不一致：{why}',
  'giveaway.won': '您中奖了：{prize}', 'giveaway.seedHash': '种子哈希', 'giveaway.insecure': '验证需要安全页面（https 或 localhost）。',
  'coupon.title': '优惠券', 'coupon.percent': '{value}% 折扣', 'coupon.amount': '立减 {value}', 'coupon.minSpend': '满 {amount} 可用', 'coupon.claim': '领取',
  'coupon.left': '剩余 {count}', 'coupon.endsIn': '{time} 内领取', 'coupon.claimed': '领取成功：结算时使用', 'coupon.alreadyClaimed': '已领取',
  'coupon.soldOut': '已领完', 'coupon.ended': '已结束', 'coupon.regionBlocked': '您所在地区不可领取', 'coupon.close': '关闭',
  'buying.one': '{name} 正在购买 {product}', 'buying.lastMinute': '最近一分钟 {count} 单',
  'c2b.reserved': '评论下单成功：请在订单中付款', 'c2b.addedToCart': '已加入购物车', 'c2b.soldOut': '已抢光', 'c2b.limitExceeded': '已达限购',
  'c2b.regionBlocked': '您所在地区不售', 'c2b.notFound': '没有这个商品',
  'err.unauthorized': '请先登录。', 'err.forbidden': '您没有权限。', 'err.not_found': '未找到。', 'err.invalid_argument': '不被接受：{detail}',
  'err.rate_limited': '发言太快了，请稍后再试。', 'err.muted': '您在本直播间已被禁言。', 'err.blocked_content': '评论包含屏蔽词。',
  'err.room_not_live': '直播未开始。', 'err.conflict': '暂时无法操作：{detail}', 'err.payload_too_large': '内容太长。', 'err.unavailable': '服务器繁忙，请稍后再试。',
  'studio.title': '主播工作台', 'studio.signIn': '以主播身份登录', 'studio.myRooms': '我的直播间', 'studio.create': '创建直播间', 'studio.roomTitle': '标题',
  'studio.regions': '销售地区（逗号分隔，空 = 全部）', 'studio.language': '语言', 'studio.streamUrl': '推流地址（HLS）', 'studio.cover': '封面图地址',
  'studio.buyKeyword': '下单口令', 'studio.schedule': '预定开播时间', 'studio.goLive': '开播', 'studio.end': '结束直播', 'studio.open': '打开',
  'studio.viewerPage': '观众页', 'studio.products': '商品', 'studio.addProduct': '添加商品', 'studio.productId': '编号', 'studio.name': '名称',
  'studio.price': '价格', 'studio.currency': '币种', 'studio.stock': '库存', 'studio.image': '图片地址', 'studio.kind': '类型', 'studio.goods': '实物',
  'studio.voucherKind': '团购券', 'studio.validDays': '有效天数', 'studio.redeemAt': '核销地点', 'studio.commission': '佣金比例（0–0.8）',
  'studio.pin': '讲解', 'studio.unpin': '取消讲解', 'studio.flashSale': '秒杀', 'studio.quantity': '数量', 'studio.perUser': '每人限购',
  'studio.duration': '时长（秒）', 'studio.preheat': '预热（秒，0 = 立即）', 'studio.startSale': '开始秒杀', 'studio.endSale': '结束',
  'studio.auction': '拍卖', 'studio.startingBid': '起拍价', 'studio.counterBid': '延时秒数', 'studio.startAuction': '开始拍卖', 'studio.cancelAuction': '取消拍卖',
  'studio.giveaway': '福袋', 'studio.prize': '奖品', 'studio.winners': '中奖人数', 'studio.keyword': '口令', 'studio.minWatch': '最少观看（秒）',
  'studio.startGiveaway': '发福袋', 'studio.draw': '立即开奖', 'studio.coupon': '发优惠券', 'studio.discountType': '类型', 'studio.discountValue': '面额',
  'studio.minSpend': '门槛', 'studio.quota': '数量', 'studio.claimSeconds': '领取时长（秒）', 'studio.validSeconds': '有效期（秒）',
  'studio.productIds': '适用商品（编号，逗号分隔）', 'studio.drop': '发券', 'studio.moderation': '管理', 'studio.delete': '删除', 'studio.mute': '禁言 5 分钟',
  'studio.shadowBan': '隐身禁言', 'studio.slowMode': '慢速模式（秒）', 'studio.set': '设置', 'studio.blockedWords': '屏蔽词（每行一个）',
  'studio.moderators': '房管', 'studio.addModerator': '添加', 'studio.remove': '移除', 'studio.log': '管理记录', 'studio.refresh': '刷新',
  'studio.figures': '实时数据', 'studio.orders': '订单', 'studio.gmv': '成交额', 'studio.conversion': '转化率', 'studio.perMinute': '每分钟',
  'studio.units': '售出件数', 'studio.comments': '评论', 'studio.export': '导出评论（CSV）', 'studio.notHost': '只有本直播间的主播可以操作。',
  'studio.saved': '完成', 'studio.chat': '评论',
};

const KEY = 'lc.lang';
let lang: Lang = (localStorage.getItem(KEY) as Lang | null) ?? (navigator.language.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en');
const listeners = new Set<() => void>();
document.documentElement.lang = lang;

export const currentLang = () => lang;
/** The ISO 639-1 code of the page language, for translation requests. */
export const langCode = () => (lang === 'zh-CN' ? 'zh' : 'en');

export function setLang(next: Lang) {
  lang = next;
  localStorage.setItem(KEY, next);
  document.documentElement.lang = next;
  listeners.forEach(l => l());
}

export function onLangChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function t(key: string, args?: Record<string, unknown>): string {
  const table = lang === 'zh-CN' ? zh : en;
  const text = (table as Record<string, string | undefined>)[key] ?? (en as Record<string, string>)[key] ?? key;
  return args ? text.replace(/\{(\w+)\}/g, (_, name) => String(args[name] ?? '')) : text;
}
