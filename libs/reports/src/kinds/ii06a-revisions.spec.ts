import { DossierFlow, emptyFlow } from '../figures/dossier-flow';
import { ii06aRevisions } from './ii06a.report';

const flow = (counts: Partial<DossierFlow>): DossierFlow => ({ ...emptyFlow(), ...counts });

describe('II.06a revisions since issue', () => {
  const land = flow({ receivedOnline: 3, inProgressWithinDue: 3 });
  const justice = flow({ receivedOther: 2, resolvedOnTime: 2 });

  it('lists nothing when no figure moved', () => {
    const issued = { rows: [{ key: 'Đất đai', flow: land }], total: land };
    expect(ii06aRevisions(issued, issued)).toEqual({ rows: [], receivedSince: 0 });
  });

  it('lists exactly the rows whose counts moved, with the columns, issued and current values, and the total', () => {
    const issued = {
      rows: [
        { key: 'Đất đai', flow: land },
        { key: 'Tư pháp', flow: justice },
      ],
      total: flow({ receivedOnline: 3, receivedOther: 2, resolvedOnTime: 2, inProgressWithinDue: 3 }),
    };
    // A late online dossier of Tư pháp, resolved late; a withdrawal of an unknown procedure's dossier.
    const now = {
      rows: [
        { key: 'Đất đai', flow: land },
        {
          key: 'Tư pháp',
          flow: flow({ receivedOnline: 1, receivedOther: 2, resolvedOnTime: 2, resolvedLate: 1 }),
        },
        { key: null, flow: flow({ receivedOther: 1, closedWithoutResult: 1 }) },
      ],
      total: flow({
        receivedOnline: 4,
        receivedOther: 3,
        resolvedOnTime: 2,
        resolvedLate: 1,
        closedWithoutResult: 1,
        inProgressWithinDue: 3,
      }),
    };
    const revisions = ii06aRevisions(issued, now);
    expect(revisions.receivedSince).toBe(2);
    expect(revisions.rows.map((row) => row.key)).toEqual(['Tư pháp', null, 'total']);
    expect(revisions.rows[0].counts).toEqual([
      { column: 3, label: 'Số hồ sơ nhận giải quyết: Tổng số', issued: 2, now: 3 },
      { column: 4, label: 'Số hồ sơ nhận giải quyết: Trực tuyến', issued: 0, now: 1 },
      { column: 7, label: 'Số hồ sơ đã giải quyết: Tổng số', issued: 2, now: 3 },
      { column: 10, label: 'Số hồ sơ đã giải quyết: Quá hạn', issued: 0, now: 1 },
    ]);
    expect(revisions.rows[1].counts).toContainEqual({
      column: null,
      label: 'Rút hoặc dừng xử lý (không có kết quả)',
      issued: 0,
      now: 1,
    });
  });

  it('shows a row that has gone (its dossiers moved to another field) with zeros now', () => {
    const issued = { rows: [{ key: 'Đất đai', flow: land }], total: land };
    const revisions = ii06aRevisions(issued, { rows: [{ key: 'Y tế', flow: land }], total: land });
    expect(revisions.rows.map((row) => row.key)).toEqual(['Đất đai', 'Y tế']);
    expect(revisions.rows[0].counts[0]).toEqual({
      column: 3,
      label: 'Số hồ sơ nhận giải quyết: Tổng số',
      issued: 3,
      now: 0,
    });
  });
});
