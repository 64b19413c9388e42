// A small seeded generator and the zh-CN words the seeded datasets are made of. No faker: the same few kilobytes run in
// the browser (MSW mode) and in the mock host in front of Prism, so both modes give the same data for the same seed.

/** A deterministic stream of numbers in [0, 1) (mulberry32), seeded by a number or a string hashed to one. */
export interface Random {
  next(): number;
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
}

/** FNV-1a: a string to a 32-bit seed, so each entity or operation has its own stream whatever ran before. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

export function createRandom(seed: number | string): Random {
  let state = typeof seed === "number" ? seed >>> 0 : hash(seed);
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  return { next, int, pick: (items) => items[int(0, items.length - 1)] as (typeof items)[number] };
}

const SURNAMES =
  "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾肖田董潘袁蔡蒋余于杜叶程魏苏吕丁沈任姚卢傅钟姜崔谭廖范汪陆金石戴贾韦夏邱方侯邹熊孟秦白江阎薛尹段雷黎史龙陶贺顾毛郝龚邵万钱严";
const GIVEN =
  "伟芳娜秀敏静丽强磊军洋勇艳杰娟涛明超霞平刚桂英华飞玉兰萍红鹏辉建国晨浩宇欣怡子涵梓轩雨桐思远嘉怡文博俊杰佳琪诗雨".split(
    "",
  );
const CITIES = [
  "北京",
  "上海",
  "广州",
  "深圳",
  "杭州",
  "南京",
  "苏州",
  "成都",
  "武汉",
  "西安",
  "重庆",
  "天津",
  "长沙",
  "郑州",
  "青岛",
  "厦门",
  "宁波",
  "合肥",
  "济南",
  "福州",
];
const PROVINCES = [
  "北京市",
  "上海市",
  "广东省",
  "浙江省",
  "江苏省",
  "四川省",
  "湖北省",
  "陕西省",
  "重庆市",
  "天津市",
  "湖南省",
  "河南省",
  "山东省",
  "福建省",
  "安徽省",
];
const BRANDS = [
  "瑞达",
  "恒信",
  "华彩",
  "启明",
  "云帆",
  "汇智",
  "嘉禾",
  "鼎盛",
  "博远",
  "泰和",
  "锦程",
  "宏图",
  "中科",
  "联创",
  "天成",
  "卓越",
  "新元",
  "星辰",
  "正邦",
  "安达",
];
const TRADES = [
  "信息科技",
  "网络科技",
  "教育科技",
  "医疗器械",
  "贸易",
  "文化传媒",
  "电子商务",
  "生物科技",
  "食品",
  "家居",
  "物流",
  "咨询",
];
const PRODUCTS = [
  "SCRM 年度订阅",
  "私域运营服务",
  "企微会话存档",
  "客服坐席扩容",
  "营销自动化套件",
  "数据看板定制",
  "门店导购方案",
  "会员积分系统",
];
const TAGS = [
  "高意向",
  "已成交",
  "待跟进",
  "老客户",
  "VIP",
  "潜在客户",
  "价格敏感",
  "已报价",
  "复购",
  "转介绍",
  "展会获客",
  "官网咨询",
  "直播引流",
  "沉默客户",
  "重点客户",
  "决策人",
];
const POSITIONS = [
  "采购经理",
  "市场总监",
  "运营主管",
  "销售经理",
  "总经理",
  "技术负责人",
  "财务经理",
  "人事专员",
  "产品经理",
  "店长",
];
const DEPARTMENTS = ["销售一部", "销售二部", "市场部", "客户成功部", "运营中心", "华东大区", "华南大区", "渠道部"];
const STREETS = ["人民路", "中山路", "解放路", "建设路", "长江路", "和平路", "文化路", "科技园路"];
const SENTENCES = [
  "客户对年度方案感兴趣，约了下周二上门演示。",
  "已发送报价单，等待客户内部审批。",
  "电话沟通了实施周期，客户希望月底前上线。",
  "客户反馈上一版本的导出功能不够灵活。",
  "参加了线下沙龙，留下了名片和需求。",
  "续约意向明确，需要补充发票信息。",
  "对接人更换为新的运营负责人。",
  "试用期结束，客户计划扩容到五十个坐席。",
];

export const words = {
  person: (r: Random) => r.pick([...SURNAMES]) + r.pick(GIVEN) + (r.next() < 0.6 ? r.pick(GIVEN) : ""),
  company: (r: Random) => `${r.pick(CITIES)}${r.pick(BRANDS)}${r.pick(TRADES)}有限公司`,
  shortCompany: (r: Random) => `${r.pick(BRANDS)}${r.pick(TRADES)}`,
  product: (r: Random) => r.pick(PRODUCTS),
  tag: (r: Random) => r.pick(TAGS),
  position: (r: Random) => r.pick(POSITIONS),
  department: (r: Random) => r.pick(DEPARTMENTS),
  city: (r: Random) => r.pick(CITIES),
  province: (r: Random) => r.pick(PROVINCES),
  address: (r: Random) => `${r.pick(PROVINCES)}${r.pick(CITIES)}市${r.pick(STREETS)}${r.int(1, 999)}号`,
  sentence: (r: Random) => r.pick(SENTENCES),
  mobile: (r: Random) => `1${r.pick(["3", "5", "7", "8", "9"])}${String(r.int(0, 999_999_999)).padStart(9, "0")}`,
};
