import { seededRandom } from './random';

export interface SyntheticAgency {
  code: string;
  name: string;
  /** Share of this agency's dossiers received online at the start of the history. */
  onlineShare: number;
}

export interface SyntheticProcedure {
  code: string;
  /** Processing time in days, from receipt to due date. */
  processingDays: number;
  fee: number;
}

export interface Province {
  source: string;
  agencies: SyntheticAgency[];
  procedures: SyntheticProcedure[];
}

const DEPARTMENTS = [
  'Sở Tư pháp',
  'Sở Xây dựng',
  'Sở Tài nguyên và Môi trường',
  'Sở Kế hoạch và Đầu tư',
  'Sở Giao thông vận tải',
  'Sở Y tế',
  'Sở Giáo dục và Đào tạo',
  'Sở Công Thương',
  'Sở Lao động - Thương binh và Xã hội',
  'Sở Nông nghiệp và Phát triển nông thôn',
  'Sở Thông tin và Truyền thông',
  'Sở Văn hóa, Thể thao và Du lịch',
];

/** A province shaped like the seeds' (Bình Thuận, code H12): departments and communes, ~150 procedures. */
export function syntheticProvince(seed: number): Province {
  const random = seededRandom(seed);
  const departments = DEPARTMENTS.map((name, index) => ({
    code: `000.00.${String(index + 1).padStart(2, '0')}.H12`,
    name,
    onlineShare: 0.1 + random() * 0.6,
  }));
  const communes = Array.from({ length: 18 }, (_, index) => ({
    code: `000.${String(index + 1).padStart(2, '0')}.30.H12`,
    name: `UBND xã ${index + 1}`,
    onlineShare: 0.05 + random() * 0.35,
  }));
  const procedures = Array.from({ length: 150 }, (_, index) => ({
    code: `1.${String(4000 + index * 37).padStart(6, '0')}`,
    processingDays: [1, 3, 5, 7, 10, 15, 20][Math.floor(random() * 7)],
    fee: random() < 0.4 ? Math.round(random() * 20) * 50_000 : 0,
  }));
  return { source: 'binh-thuan.motcua', agencies: [...departments, ...communes], procedures };
}
