import type { DataSource } from 'typeorm';

/** Ready only while a pooled connection answers. */
export class DatabaseHealthIndicator {
  readonly name = 'postgres';
  constructor(private readonly dataSource: DataSource) {}

  async check(): Promise<void> {
    if (!this.dataSource.isInitialized) throw new Error('data source not initialised');
    await this.dataSource.query('SELECT 1');
  }
}
