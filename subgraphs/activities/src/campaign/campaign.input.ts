import { IsBoolean, IsDate, IsInt, IsOptional, Max, MaxLength, Min, MinLength } from 'class-validator';
import { Field, InputType, Int } from 'type-graphql';

@InputType({ description: '年度活动设置 — a campaign\'s theme, windows and deadlines (the host\'s notice of the year).' })
export class SaveCampaignInput {
  @Field(() => Int, { description: '年度 — campaign year.' })
  @IsInt() @Min(2000) @Max(2200)
  year!: number;

  @Field({ description: '主题 — theme.' })
  @MinLength(2) @MaxLength(200)
  theme!: string;

  @Field({ nullable: true, description: '标注 — required label; defaults to "<year>年全国科普日活动".' })
  @IsOptional() @MinLength(2) @MaxLength(100)
  label?: string;

  @Field({ nullable: true, description: '演示 — a demo campaign.' })
  @IsOptional() @IsBoolean()
  isDemo?: boolean;

  @Field({ description: '集中开展开始 — start of the concentrated period.' })
  @IsDate()
  concentratedStartsAt!: Date;

  @Field({ description: '集中开展结束 — end of the concentrated period (exclusive).' })
  @IsDate()
  concentratedEndsAt!: Date;

  @Field({ description: '登记填报开始 — registration opens.' })
  @IsDate()
  registrationOpensAt!: Date;

  @Field({ description: '登记填报截止 — registration closes (exclusive).' })
  @IsDate()
  registrationClosesAt!: Date;

  @Field({ description: '信息完善截止 — info-completion deadline (exclusive), not before registration closes.' })
  @IsDate()
  infoCompletionDeadline!: Date;

  @Field({ description: '工作总结截止 — work-summary deadline (exclusive), not before info completion.' })
  @IsDate()
  summaryDeadline!: Date;

  @Field({ description: '推荐截止 — recommendation deadline (exclusive), not before the summary deadline.' })
  @IsDate()
  recommendationDeadline!: Date;
}
