import type { JointAction, OrganizationType } from '@kepuri/domain';

/**
 * The words the generator builds realistic Chinese data from. Prefecture-level cities are real
 * (GB/T 2260 codes as published); counties below them are generated, except the districts of the
 * four municipalities, which are real.
 */

/** Prefecture-level cities per province: "code-suffix name" pairs. */
const CITIES: Record<string, string> = {
  '13': '0100石家庄市 0200唐山市 0300秦皇岛市 0400邯郸市 0500邢台市 0600保定市 0700张家口市 0800承德市 0900沧州市 1000廊坊市 1100衡水市',
  '14': '0100太原市 0200大同市 0300阳泉市 0400长治市 0500晋城市 0600朔州市 0700晋中市 0800运城市 0900忻州市 1000临汾市 1100吕梁市',
  '15': '0100呼和浩特市 0200包头市 0300乌海市 0400赤峰市 0500通辽市 0600鄂尔多斯市 0700呼伦贝尔市 0800巴彦淖尔市 0900乌兰察布市',
  '21': '0100沈阳市 0200大连市 0300鞍山市 0400抚顺市 0500本溪市 0600丹东市 0700锦州市 0800营口市 0900阜新市 1000辽阳市 1100盘锦市 1200铁岭市 1300朝阳市 1400葫芦岛市',
  '22': '0100长春市 0200吉林市 0300四平市 0400辽源市 0500通化市 0600白山市 0700松原市 0800白城市',
  '23': '0100哈尔滨市 0200齐齐哈尔市 0300鸡西市 0400鹤岗市 0500双鸭山市 0600大庆市 0700伊春市 0800佳木斯市 0900七台河市 1000牡丹江市 1100黑河市 1200绥化市',
  '32': '0100南京市 0200无锡市 0300徐州市 0400常州市 0500苏州市 0600南通市 0700连云港市 0800淮安市 0900盐城市 1000扬州市 1100镇江市 1200泰州市 1300宿迁市',
  '33': '0100杭州市 0200宁波市 0300温州市 0400嘉兴市 0500湖州市 0600绍兴市 0700金华市 0800衢州市 0900舟山市 1000台州市 1100丽水市',
  '34': '0100合肥市 0200芜湖市 0300蚌埠市 0400淮南市 0500马鞍山市 0600淮北市 0700铜陵市 0800安庆市 1000黄山市 1100滁州市 1200阜阳市 1300宿州市 1500六安市 1600亳州市 1700池州市 1800宣城市',
  '35': '0100福州市 0200厦门市 0300莆田市 0400三明市 0500泉州市 0600漳州市 0700南平市 0800龙岩市 0900宁德市',
  '36': '0100南昌市 0200景德镇市 0300萍乡市 0400九江市 0500新余市 0600鹰潭市 0700赣州市 0800吉安市 0900宜春市 1000抚州市 1100上饶市',
  '37': '0100济南市 0200青岛市 0300淄博市 0400枣庄市 0500东营市 0600烟台市 0700潍坊市 0800济宁市 0900泰安市 1000威海市 1100日照市 1300临沂市 1400德州市 1500聊城市 1600滨州市 1700菏泽市',
  '41': '0100郑州市 0200开封市 0300洛阳市 0400平顶山市 0500安阳市 0600鹤壁市 0700新乡市 0800焦作市 0900濮阳市 1000许昌市 1100漯河市 1200三门峡市 1300南阳市 1400商丘市 1500信阳市 1600周口市 1700驻马店市',
  '42': '0100武汉市 0200黄石市 0300十堰市 0500宜昌市 0600襄阳市 0700鄂州市 0800荆门市 0900孝感市 1000荆州市 1100黄冈市 1200咸宁市 1300随州市',
  '43': '0100长沙市 0200株洲市 0300湘潭市 0400衡阳市 0500邵阳市 0600岳阳市 0700常德市 0800张家界市 0900益阳市 1000郴州市 1100永州市 1200怀化市 1300娄底市',
  '44': '0100广州市 0200韶关市 0300深圳市 0400珠海市 0500汕头市 0600佛山市 0700江门市 0800湛江市 0900茂名市 1200肇庆市 1300惠州市 1400梅州市 1500汕尾市 1600河源市 1700阳江市 1800清远市 1900东莞市 2000中山市 5100潮州市 5200揭阳市 5300云浮市',
  '45': '0100南宁市 0200柳州市 0300桂林市 0400梧州市 0500北海市 0600防城港市 0700钦州市 0800贵港市 0900玉林市 1000百色市 1100贺州市 1200河池市 1300来宾市 1400崇左市',
  '46': '0100海口市 0200三亚市 0300三沙市 0400儋州市',
  '51': '0100成都市 0300自贡市 0400攀枝花市 0500泸州市 0600德阳市 0700绵阳市 0800广元市 0900遂宁市 1000内江市 1100乐山市 1300南充市 1400眉山市 1500宜宾市 1600广安市 1700达州市 1800雅安市 1900巴中市 2000资阳市',
  '52': '0100贵阳市 0200六盘水市 0300遵义市 0400安顺市 0500毕节市 0600铜仁市',
  '53': '0100昆明市 0300曲靖市 0400玉溪市 0500保山市 0600昭通市 0700丽江市 0800普洱市 0900临沧市',
  '54': '0100拉萨市 0200日喀则市 0300昌都市 0400林芝市 0500山南市 0600那曲市',
  '61': '0100西安市 0200铜川市 0300宝鸡市 0400咸阳市 0500渭南市 0600延安市 0700汉中市 0800榆林市 0900安康市 1000商洛市',
  '62': '0100兰州市 0200嘉峪关市 0300金昌市 0400白银市 0500天水市 0600武威市 0700张掖市 0800平凉市 0900酒泉市 1000庆阳市 1100定西市 1200陇南市',
  '63': '0100西宁市 0200海东市',
  '64': '0100银川市 0200石嘴山市 0300吴忠市 0400固原市 0500中卫市',
  '65': '0100乌鲁木齐市 0200克拉玛依市 0400吐鲁番市 0500哈密市',
  '66': '0100第一师阿拉尔市 0200第二师铁门关市 0300第三师图木舒克市 0400第四师可克达拉市 0500第五师双河市 0600第六师五家渠市 0700第七师胡杨河市 0800第八师石河子市 1000第十师北屯市 1300第十三师新星市 1400第十四师昆玉市',
};

/** Districts of the four municipalities, which sit directly below the province. */
const MUNICIPAL_DISTRICTS: Record<string, string> = {
  '11': '01东城区 02西城区 05朝阳区 06丰台区 07石景山区 08海淀区 09门头沟区 11房山区 12通州区 13顺义区 14昌平区 15大兴区 16怀柔区 17平谷区 18密云区 19延庆区',
  '12': '01和平区 02河东区 03河西区 04南开区 05河北区 06红桥区 10东丽区 11西青区 12津南区 13北辰区 14武清区 15宝坻区 16滨海新区 17宁河区 18静海区 19蓟州区',
  '31': '01黄浦区 04徐汇区 05长宁区 06静安区 07普陀区 09虹口区 10杨浦区 12闵行区 13宝山区 14嘉定区 15浦东新区 16金山区 17松江区 18青浦区 20奉贤区 51崇明区',
  '50': '01万州区 02涪陵区 03渝中区 04大渡口区 05江北区 06沙坪坝区 07九龙坡区 08南岸区 09北碚区 12渝北区 13巴南区 14黔江区 15长寿区 16江津区 17合川区 18永川区',
};

const parsePairs = (list: string, codeLength: number) =>
  list.split(' ').map((item) => [item.slice(0, codeLength), item.slice(codeLength)] as const);

export function citiesOf(provincePrefix: string): Array<readonly [string, string]> {
  return parsePairs(CITIES[provincePrefix] ?? '', 4).map(([suffix, name]) => [`${provincePrefix}${suffix}`, name] as const);
}

export function municipalDistrictsOf(provincePrefix: string): Array<readonly [string, string]> | null {
  const list = MUNICIPAL_DISTRICTS[provincePrefix];
  return list ? parsePairs(list, 2).map(([suffix, name]) => [`${provincePrefix}01${suffix}`, name] as const) : null;
}

/** Population of each province in millions (2020 census, rounded): where activities and volunteers are. */
export const PROVINCE_POPULATION: Record<string, number> = {
  '11': 21.9, '12': 13.9, '13': 74.6, '14': 34.9, '15': 24.0, '21': 42.6, '22': 24.1, '23': 31.9, '31': 24.9,
  '32': 84.7, '33': 64.6, '34': 61.0, '35': 41.5, '36': 45.2, '37': 101.5, '41': 99.4, '42': 57.8, '43': 66.4,
  '44': 126.0, '45': 50.1, '46': 10.1, '50': 32.1, '51': 83.7, '52': 38.6, '53': 47.2, '54': 3.6, '61': 39.5,
  '62': 25.0, '63': 5.9, '64': 7.2, '65': 25.9, '66': 3.3,
};

/** Two characters make a county's or a town's name. */
export const PLACE_FIRST = '东西南北中新永安长清平宁兴昌丰阳临高武文龙凤金宝泰云天和仁广嘉绥富乐江海湖山石桃青白黄红建华盛通康德'.split('');
export const PLACE_SECOND = '城阳安平山江河宁丰川源林乡州溪泉化远德康和湖台水庆兴定都口陵谷峰桥原丘坪'.split('');

/** Common surnames, roughly in order of frequency, and characters of given names. */
export const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何林高罗郑梁谢宋唐许韩冯邓曹彭曾肖田董潘袁蔡蒋余于杜叶程魏苏吕丁任卢姚沈钟姜崔谭陆范汪廖石金韦贾夏付方邹熊白孟秦邱侯江尹薛闫段雷龙黎史陶贺毛郝顾龚邵万覃武钱戴严莫孔向常汤'.split('');
export const GIVEN_CHARACTERS = '伟芳娜敏静丽强磊洋艳勇军杰娟涛明超秀英华建国平刚桂兰志红辉玲燕霞鹏飞波宇浩然晨阳欣怡子轩梓涵雨萱佳琪思远博文俊杰嘉怡一鸣晓东海峰丹凤瑞琳婷婷春梅立新卫东振华永强学军淑珍玉兰宏伟亮斌鑫磊凯旭晖颖慧莉倩琳'.split('');

export const SKILLS = ['科普讲解', '农业技术', '医疗健康', '应急救护', '心理咨询', '信息技术', '天文观测', '水利节水', '气象防灾', '青少年科技教育', '环境保护', '食品安全'];

/** Topics of each joint action (and of online activities), for titles and descriptions. */
export const TOPICS: Record<JointAction | 'ONLINE', readonly string[]> = {
  READING: ['科普科幻图书领读', '科学家传记共读会', '少儿科普绘本阅读', '书香科普读书分享会', '科普图书漂流', '名家科普讲座与签售', '科普阅读推广周'],
  CAMPUS: ['青少年科学实验秀', '校园科技节', '走近人工智能', '机器人编程体验', '科学家进校园', '小小科学家实验营', '科学探究课堂'],
  RESEARCH_TEAM: ['走进国家重点实验室', '科研团队开放日', '院士专家科普报告会', '科研成果展示与互动', '大科学装置开放参观', '青年科学家面对面'],
  RURAL: ['乡村振兴农技培训', '科技助力脱贫攻坚', '农村电商技能培训', '绿色种养技术讲座', '农技专家田间课堂', '科普大篷车下乡', '特色产业技术指导'],
  HEALTH: ['疫情防控健康知识讲座', '健康饮食与营养', '慢性病防治科普', '心理健康科普讲座', '中医药健康文化推广', '义诊与健康咨询', '科学防疫进社区'],
  PUBLIC_SAFETY: ['防灾减灾应急演练', '地震科普体验', '消防安全知识讲座', '应急救护技能培训', '食品安全科普宣传', '交通安全进校园', '防汛避险知识普及'],
  WATER_SAVING: ['节约用水从我做起', '节水护水科普宣传', '城市节水知识进社区', '农业节水灌溉技术推广', '节水型社会建设宣传', '河湖保护与节水科普'],
  ENTERPRISE: ['企业开放日', '智能制造科普体验', '新能源技术展示', '工业科普游', '5G应用科普展示', '科技企业创新成果展'],
  SOCIETY: ['学会专家科普报告', '学科前沿科普讲座', '科学家精神报告会', '科技工作者进社区', '学会科普日主题活动', '科学辟谣专题讲座'],
  VENUE: ['航天科普展', '天文观测之夜', '数字科技馆线上课堂', '科普大篷车巡展', '流动科技馆巡展', '科技馆特色展览', '自然博物馆奇妙夜'],
  ONLINE: ['每日科普打卡', '科学家直播课', '科普短视频展播', '线上科普知识竞赛', '云游科技馆', '防疫科普直播', '科学实验云课堂', '科普微视频征集'],
};

/** How often each joint action is chosen (campus and health campaigns are the most common). */
export const JOINT_ACTION_WEIGHTS: Record<JointAction, number> = {
  READING: 10, CAMPUS: 16, RESEARCH_TEAM: 6, RURAL: 13, HEALTH: 16, PUBLIC_SAFETY: 11, WATER_SAVING: 5, ENTERPRISE: 7, SOCIETY: 6, VENUE: 10,
};

/** Which kinds of units organise which joint action (besides the associations themselves). */
export const ACTION_ORGANIZER_TYPES: Record<JointAction, readonly OrganizationType[]> = {
  READING: ['LIBRARY', 'PUBLISHER', 'SCHOOL'],
  CAMPUS: ['SCHOOL', 'UNIVERSITY'],
  RESEARCH_TEAM: ['RESEARCH_INSTITUTE', 'UNIVERSITY'],
  RURAL: ['OTHER', 'RESEARCH_INSTITUTE'],
  HEALTH: ['OTHER', 'MINISTRY_DEPARTMENT'],
  PUBLIC_SAFETY: ['MINISTRY_DEPARTMENT', 'SCHOOL', 'OTHER'],
  WATER_SAVING: ['MINISTRY_DEPARTMENT', 'ENTERPRISE'],
  ENTERPRISE: ['ENTERPRISE'],
  SOCIETY: ['UNIVERSITY', 'RESEARCH_INSTITUTE'],
  VENUE: ['MUSEUM', 'LIBRARY'],
};

export const AUDIENCES = ['青少年', '社区居民', '农民朋友', '中小学生', '老年人', '企业职工', '广大市民', '公众', '家长和孩子'];
export const FORMATS = ['专家讲座', '互动体验', '展板展示', '现场演示', '知识问答', '动手实验', '直播互动', '发放科普资料'];
export const BRANDS = '华泰恒远中科新源宏达瑞丰天成金桥安康博雅汇通鼎盛晨光星河'.split('');
export const INDUSTRIES = ['科技', '农业科技', '生物医药', '电子信息', '新能源', '智能装备', '环保科技', '水务'];
export const STREETS = ['人民路', '建设路', '解放路', '中山路', '文化路', '科技大道', '青年路', '滨江路', '和平路', '新华路'];

export const COMMENTS = [
  '内容丰富，孩子很喜欢', '讲解很专业', '希望多举办这样的活动', '直播很流畅', '收获很大', '老师讲得通俗易懂',
  '互动环节很有意思', '学到了很多节水知识', '活动组织有序', '希望下次时间长一些', '现场人太多，排队有点久',
  '科普形式新颖', '对防疫很有帮助', '带孩子来体验，很有意义', '专家答疑很耐心', null, null, null,
];

/** Unit names below a county association: [type, template]; {c} is the county, {n} a number, {t} a town. */
export const COUNTY_UNITS: ReadonlyArray<readonly [OrganizationType, string]> = [
  ['SCHOOL', '{c}第{n}中学'], ['SCHOOL', '{c}实验小学'], ['OTHER', '{c}人民医院'], ['LIBRARY', '{c}图书馆'],
  ['OTHER', '{c}农业技术推广中心'], ['OTHER', '{c}农村专业技术协会'], ['SCHOOL', '{c}{t}镇中心小学'], ['MUSEUM', '{c}科技馆'],
  ['ENTERPRISE', '{c}{b}{i}有限公司'], ['OTHER', '{c}{t}镇新时代文明实践所'], ['OTHER', '{c}中医医院'], ['SCHOOL', '{c}职业技术学校'],
  ['OTHER', '{c}气象局'], ['SCHOOL', '{c}第{n}小学'], ['ENTERPRISE', '{c}{b}{i}股份有限公司'], ['OTHER', '{c}{t}社区党群服务中心'],
];

/** Unit names below a city association; {s} is the city without 市. */
export const CITY_UNITS: ReadonlyArray<readonly [OrganizationType, string]> = [
  ['MUSEUM', '{s}科技馆'], ['UNIVERSITY', '{s}职业技术学院'], ['OTHER', '{s}市第一人民医院'], ['RESEARCH_INSTITUTE', '{s}市农业科学研究院'],
  ['LIBRARY', '{s}市图书馆'], ['SCHOOL', '{s}市第{n}中学'], ['ENTERPRISE', '{s}{b}{i}集团有限公司'], ['MUSEUM', '{s}博物馆'],
  ['UNIVERSITY', '{s}学院'], ['OTHER', '{s}市中心医院'], ['SCHOOL', '{s}市实验中学'], ['RESEARCH_INSTITUTE', '{s}市林业科学研究所'],
  ['OTHER', '{s}市气象局'], ['SCHOOL', '{s}外国语学校'], ['ENTERPRISE', '{s}{b}{i}有限公司'], ['OTHER', '{s}市疾病预防控制中心'],
];

/** Units below a provincial association; {p} is the province's short name, {P} its full name. */
export const PROVINCE_UNITS: ReadonlyArray<readonly [OrganizationType, string]> = [
  ['UNIVERSITY', '{p}大学'], ['UNIVERSITY', '{p}师范大学'], ['UNIVERSITY', '{p}理工大学'], ['RESEARCH_INSTITUTE', '{P}农业科学院'],
  ['PUBLISHER', '{p}科学技术出版社'], ['LIBRARY', '{P}图书馆'], ['MUSEUM', '{P}自然博物馆'], ['RESEARCH_INSTITUTE', '{P}科学院'],
];

/** Provincial counterparts of the co-organising ministries: [ministry, province template, municipality template]. */
export const MINISTRY_COUNTERPARTS: ReadonlyArray<readonly [string, string, string]> = [
  ['中共中央宣传部', '中共{P}委员会宣传部', '中共{P}委员会宣传部'],
  ['教育部', '{P}教育厅', '{P}教育委员会'],
  ['科学技术部', '{P}科学技术厅', '{P}科学技术委员会'],
  ['水利部', '{P}水利厅', '{P}水务局'],
  ['农业农村部', '{P}农业农村厅', '{P}农业农村委员会'],
  ['国家卫生健康委员会', '{P}卫生健康委员会', '{P}卫生健康委员会'],
  ['应急管理部', '{P}应急管理厅', '{P}应急管理局'],
];

/** A Chinese personal name: a surname (common ones more often) and one or two given characters. */
export function personName(rng: () => number): string {
  const surname = SURNAMES[Math.floor(rng() * rng() * SURNAMES.length)];
  const first = GIVEN_CHARACTERS[Math.floor(rng() * GIVEN_CHARACTERS.length)];
  return rng() < 0.62 ? `${surname}${first}${GIVEN_CHARACTERS[Math.floor(rng() * GIVEN_CHARACTERS.length)]}` : `${surname}${first}`;
}

/** A mainland mobile number. */
export function mobileNumber(rng: () => number): string {
  const prefixes = ['135', '136', '137', '138', '139', '150', '151', '152', '158', '159', '186', '187', '188', '189', '177', '199'];
  return `${prefixes[Math.floor(rng() * prefixes.length)]}${String(Math.floor(rng() * 1e8)).padStart(8, '0')}`;
}
