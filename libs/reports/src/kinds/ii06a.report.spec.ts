import { DossierFlow, emptyFlow, flowImbalance } from '../figures/dossier-flow';
import { reportPeriod } from '../periods/report-period';
import { ReportContext } from '../report-table';
import { ii06aReport } from './ii06a.report';

const context: ReportContext = {
  period: reportPeriod('2026-03', 'statutory'),
  scope: { agency: '000.00.01.H12', agencyName: 'Sở Tư pháp' },
  reporter: 'Sở Tư pháp',
  recipient: 'Văn phòng UBND tỉnh',
  asOf: '2026-03-16T01:00:00.000Z',
};

const flow = (counts: Partial<DossierFlow>): DossierFlow => ({ ...emptyFlow(), ...counts });

describe('form II.06a', () => {
  const justice = flow({
    receivedOnline: 7,
    receivedOther: 3,
    carriedOver: 5,
    resolvedEarly: 2,
    resolvedOnTime: 4,
    resolvedLate: 1,
    closedWithoutResult: 1,
    inProgressWithinDue: 5,
    inProgressOverdue: 2,
  });
  const land = flow({ receivedOther: 2, resolvedOnTime: 1, inProgressOverdue: 1 });

  it('lays one row per field, by Vietnamese name, unknown field last, and a total that adds the rows', () => {
    const table = ii06aReport(context, {
      rows: 'field',
      groups: [
        { key: null, flow: flow({ receivedOnline: 1, inProgressWithinDue: 1 }) },
        { key: 'Tư pháp', flow: justice },
        { key: 'Đất đai', flow: land },
        { key: 'Y tế', flow: emptyFlow() },
      ],
      labelOf: (key) => key ?? 'Chưa xác định lĩnh vực',
    });
    expect(table.columns.map((column) => column.label)).toEqual([
      'TT',
      'Lĩnh vực giải quyết',
      'Tổng số',
      'Trực tuyến',
      'Trực tiếp hoặc qua BCCI',
      'Từ kỳ trước chuyển qua',
      'Tổng số',
      'Trước hạn',
      'Đúng hạn',
      'Quá hạn',
      'Tổng số',
      'Trong hạn',
      'Quá hạn',
    ]);
    expect(table.rows.map((row) => row.cells)).toEqual([
      ['1', 'Đất đai', 2, 0, 2, 0, 1, 0, 1, 0, 1, 0, 1],
      ['2', 'Tư pháp', 15, 7, 3, 5, 7, 2, 4, 1, 7, 5, 2],
      ['3', 'Chưa xác định lĩnh vực', 1, 1, 0, 0, 0, 0, 0, 0, 1, 1, 0],
    ]);
    expect(table.total.cells).toEqual(['', 'Tổng số', 18, 8, 5, 5, 8, 2, 5, 1, 9, 6, 3]);
    // (3) = (4) + (5) + (6) in every row and the total.
    for (const { cells } of [...table.rows, table.total]) {
      const [, , total, online, other, carried, resolvedTotal, early, onTime, late, open, within, overdue] =
        cells as number[];
      expect(total).toBe(online + other + carried);
      expect(resolvedTotal).toBe(early + onTime + late);
      expect(open).toBe(within + overdue);
    }
    expect(table.notes).toContain(
      'Hồ sơ rút hoặc dừng xử lý trong kỳ (không có kết quả): 1; (3) = (7) + (11) + 1.',
    );
    expect(table.notes).toContain(
      'Số liệu tính theo các sự kiện đã tiếp nhận đến 16/03/2026 08:00:00 (giờ Việt Nam).',
    );
    expect(table).toMatchObject({
      formCode: 'Biểu số II.06a/VPCP/KSTT',
      scopeLine: 'Tại: Sở Tư pháp',
      unit: 'Đơn vị tính: Số hồ sơ TTHC',
    });
  });

  it('labels the rows by unit when asked for child units', () => {
    const table = ii06aReport(context, {
      rows: 'agency',
      groups: [{ key: '000.01.01.H12', flow: justice }],
      labelOf: (key) => (key === '000.01.01.H12' ? 'Phòng Hộ tịch' : String(key)),
    });
    expect(table.columns[1].label).toBe('Đơn vị giải quyết');
    expect(table.rows[0].cells.slice(0, 3)).toEqual(['1', 'Phòng Hộ tịch', 15]);
  });

  it('says how many dossiers a flow leaves unaccounted for', () => {
    expect(
      flowImbalance(flow({ carriedOver: 1, receivedOnline: 2, resolvedLate: 1, inProgressOverdue: 2 })),
    ).toBe(0);
    expect(flowImbalance(flow({ receivedOnline: 2, resolvedLate: 1 }))).toBe(1);
  });
});
