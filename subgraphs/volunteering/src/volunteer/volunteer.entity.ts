import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { CacheHint } from '@kepuri/platform';

@Directive('@key(fields: "id")')
@CacheHint('content')
@ObjectType({ description: '科技志愿者 — a science and technology volunteer (智惠行动).' })
@Entity('volunteers')
export class Volunteer {
  @Field(() => ID, { description: '志愿者编号 — volunteer id; the key of Volunteer.' })
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Field({ description: '姓名 — name.' })
  @Column('varchar', { length: 100 })
  name!: string;

  @Column('char', { name: 'region_code', length: 6 })
  regionCode!: string;

  @Column('uuid', { name: 'organization_id', nullable: true })
  organizationId!: string | null;

  /** The organisation's path (root first, itself last), learned from the organizations subgraph at write time. */
  @Column('uuid', { name: 'organization_path', array: true })
  organizationPath!: string[];

  @Column('uuid', { name: 'team_id', nullable: true })
  teamId!: string | null;

  @Field(() => [String], { description: '专长 — skills, e.g. 科普讲解, 农业技术.' })
  @Column('varchar', { length: 50, array: true })
  skills!: string[];

  @Column('varchar', { name: 'created_by', length: 200, nullable: true })
  createdBy!: string | null;
}
