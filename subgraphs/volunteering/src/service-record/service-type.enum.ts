import { graphqlEnum } from '@kepuri/platform';
import { SERVICE_TYPES } from '@kepuri/domain';

export const ServiceTypeEnum = graphqlEnum('ServiceType', SERVICE_TYPES, '服务类型 — kinds of 科技志愿服务 (智惠行动).', {
  PUBLICITY: '科普宣传 — science publicity.',
  CONSULTING: '咨询服务 — consulting.',
  TECH_GUIDANCE: '技术指导 — technical guidance.',
  RESULT_MATCHING: '成果对接 — matching research results with users.',
  PSYCHOLOGICAL_COUNSELING: '心理咨询 — psychological counselling.',
  EMERGENCY_PREPAREDNESS: '应急避险 — emergency preparedness.',
  HEALTH_CLINIC: '健康义诊 — free health clinic.',
  ONLINE_INTERACTION: '线上互动 — online interaction.',
});
