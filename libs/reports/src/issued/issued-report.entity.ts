import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity({ schema: 'reports', name: 'issued_reports' })
export class IssuedReportEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('text') kind!: string;
  @Column('text', { name: 'agency_code', nullable: true }) agencyCode!: string | null;
  /** The agency code, or "province": one issue per scope, null or not. */
  @Column('text', { name: 'scope_key' }) scopeKey!: string;
  @Column('text', { name: 'period_key' }) periodKey!: string;
  @Column('text', { name: 'period_cut' }) periodCut!: string;
  @Column('date', { name: 'period_from' }) periodFrom!: string;
  @Column('date', { name: 'period_to' }) periodTo!: string;
  @Column('text', { name: 'rows_by' }) rowsBy!: string;
  @Column('text') structure!: string;
  @Column('timestamptz', { name: 'as_of' }) asOf!: Date;
  /** The JSON download, byte for byte. */
  @Column('text') content!: string;
  @Column('bytea') xlsx!: Buffer;
  /** SHA-256 (hex) of `content`'s UTF-8 bytes. */
  @Column('text') checksum!: string;
  @Column('text', { name: 'issued_by' }) issuedBy!: string;
  @Column('timestamptz', { name: 'issued_at' }) issuedAt!: Date;
}
