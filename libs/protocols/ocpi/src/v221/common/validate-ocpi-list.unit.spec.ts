import { PriceDto } from './price.dto';
import { validateOcpiList } from './validate-ocpi-list';

describe('validateOcpiList', () => {
  it('Given a list with one invalid object, When validated, Then the valid ones are kept and the invalid one is reported by index', () => {
    const result = validateOcpiList(PriceDto, [
      { excl_vat: 1 },
      { excl_vat: '2' },
      { excl_vat: 3, incl_vat: null },
    ]);
    expect(result.valid.map((p) => p.excl_vat)).toEqual([1, 3]);
    expect(result.valid[0]).toBeInstanceOf(PriceDto);
    expect(result.invalid).toEqual([
      { index: 1, violations: [expect.stringMatching(/^\[1\]\.excl_vat: /)] },
    ]);
  });

  it('Given a non-array, When validated, Then it is one invalid entry', () => {
    expect(validateOcpiList(PriceDto, { excl_vat: 1 })).toEqual({
      valid: [],
      invalid: [{ index: -1, violations: ['(body): must be a JSON array'] }],
    });
  });
});
