import { describe, expect, it } from 'vitest';
import { formatCertificateCode, normaliseCertificateCode } from './training-records.js';

describe('certificate codes as people type them', () => {
  it('drop spaces and hyphens, read lower case as upper, and O, I and L as the digits 0 and 1', () => {
    expect(normaliseCertificateCode(' 7k2m-9q0b 3f1c-xz8w ')).toBe('7K2M9Q0B3F1CXZ8W');
    expect(normaliseCertificateCode('OOIL-oil1')).toBe('00110111');
    expect(normaliseCertificateCode('ABCD-EFGH')).toBe('ABCDEFGH');
  });

  it('are shown in groups of four', () => {
    expect(formatCertificateCode('7K2M9Q0B3F1CXZ8W')).toBe('7K2M-9Q0B-3F1C-XZ8W');
  });
});
