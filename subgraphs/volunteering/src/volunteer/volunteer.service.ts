import { In, type DataSource, type Repository } from 'typeorm';
import { Volunteer } from './volunteer.entity';

export class VolunteerService {
  private readonly volunteers: Repository<Volunteer>;

  constructor(dataSource: DataSource) {
    this.volunteers = dataSource.getRepository(Volunteer);
  }

  byIds(ids: readonly string[]): Promise<Volunteer[]> {
    return this.volunteers.findBy({ id: In([...ids]) });
  }
}
