/** Titles, descriptions and resolution notes of demo cases, by category (the words 12345 tickets use). */
import type { CaseCategory } from '../../server/domain/case-vocabulary';
import type { Random } from './random';

const TITLES: Record<CaseCategory, readonly string[]> = {
  dispute: [
    '邻里噪音纠纷',
    '漏水引发邻里纠纷',
    '土地边界纠纷',
    '家庭赡养纠纷',
    '拖欠农民工工资',
    '停车位归属纠纷',
  ],
  environment: [
    '生活垃圾堆积未清运',
    '楼道杂物堆放',
    '路面污水外溢',
    '占道经营油烟扰民',
    '建筑施工噪音扰民',
    '河道漂浮垃圾',
  ],
  safety: ['电动车楼道充电', '消防通道被占用', '燃气管道老化', '高空坠物隐患', '广告牌松动', '窨井盖缺失'],
  facilities: ['路灯不亮', '道路坑洼破损', '下水道堵塞', '小区围墙破损', '健身器材损坏', '楼道照明损坏'],
  elderly: ['独居老人需要关照', '高龄津贴办理咨询', '居家养老服务申请', '老人走失求助', '助餐服务咨询'],
  policy: ['医保缴费政策咨询', '就业创业扶持政策咨询', '低保申请咨询', '户籍办理咨询', '惠民补贴发放咨询'],
  property: ['物业服务不到位', '电梯故障停运', '物业费收取争议', '小区绿化无人管护', '二次供水水质问题'],
  traffic: ['车辆乱停乱放', '上下学时段交通拥堵', '非机动车占用人行道', '交通信号灯故障', '僵尸车长期占道'],
};

const RESOLUTIONS: Record<CaseCategory, string> = {
  dispute: '经网格员和调解员现场调解，双方达成一致',
  environment: '已安排清运保洁，现场恢复整洁',
  safety: '已现场排查并整改隐患',
  facilities: '已安排维修，设施恢复正常',
  elderly: '已上门走访，落实相关服务',
  policy: '已电话回复并解释相关政策',
  property: '已约谈物业公司，问题已整改',
  traffic: '已联合交警现场劝导并规范停放',
};

export function caseTitle(category: CaseCategory, random: Random): string {
  return random.pick(TITLES[category]);
}

export function caseDescription(title: string, address: string): string {
  return `群众反映：${address}${title}，请相关部门尽快核实处理。`;
}

export function resolutionNote(category: CaseCategory): string {
  return RESOLUTIONS[category];
}
