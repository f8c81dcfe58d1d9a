import { Column, Entity, PrimaryColumn } from 'typeorm';
import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { type RegionLevel, ENTITY_DESCRIPTIONS } from '@kepuri/domain';
import { RegionLevelEnum } from './region-level.enum';
import { CacheHint } from '@kepuri/platform';

@Directive('@key(fields: "code")')
@CacheHint('reference')
@ObjectType({ description: ENTITY_DESCRIPTIONS.Region })
@Entity('regions')
export class Region {
  @Field(() => ID, { description: ENTITY_DESCRIPTIONS['Region.code'] })
  @PrimaryColumn('char', { length: 6 })
  code!: string;

  @Field({ description: '名称 — name, e.g. 湖北省, 武汉市, 洪山区.' })
  @Column('varchar', { length: 100 })
  name!: string;

  @Field(() => RegionLevelEnum, { description: '级别 — province, city or county.' })
  @Column('varchar', { length: 16 })
  level!: RegionLevel;

  @Column('char', { name: 'parent_code', length: 6, nullable: true })
  parentCode!: string | null;
}
