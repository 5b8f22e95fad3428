import { DEFAULT_FRAUD_SETTINGS, FraudDetector } from './fraud-detector';
import {
  isBurst,
  isPublicIp,
  normalizeIp,
  phoneNumberValue,
  phoneRunLength,
  subnetOf,
  tooFast,
} from './signals';

describe('fraud signals', () => {
  it('groups addresses by /24 and IPv6 /64, IPv4-mapped addresses as IPv4', () => {
    expect(subnetOf('203.113.7.41')).toBe('203.113.7.0/24');
    expect(subnetOf('::ffff:203.113.7.200')).toBe('203.113.7.0/24');
    expect(subnetOf('2001:db8:aa:bb:1:2:3:4')).toBe('2001:db8:aa:bb::/64');
    expect(subnetOf('2001:DB8::1')).toBe('2001:db8:0:0::/64');
    expect(normalizeIp('::ffff:10.0.0.1')).toBe('10.0.0.1');
  });

  it('takes no address of a proxy or the local network as the voter address', () => {
    for (const ip of [
      '127.0.0.1',
      '10.2.3.4',
      '172.20.0.5',
      '192.168.1.9',
      '::1',
      'fd00::1',
      '::ffff:127.0.0.1',
    ])
      expect(isPublicIp(ip)).toBe(false);
    for (const ip of ['203.113.7.41', '172.32.0.1', '2402:800:6000::1', '::ffff:14.160.1.2'])
      expect(isPublicIp(ip)).toBe(true);
  });

  it('tells a human pace from a machine', () => {
    expect(tooFast(120, 700)).toBe(true);
    expect(tooFast(700, 700)).toBe(false);
    expect(tooFast(null, 700)).toBe(false);
  });

  it('calls a burst only far above the usual rate and above the floor', () => {
    expect(isBurst(3000, 100, 20, 2000)).toBe(true);
    expect(isBurst(3000, 200, 20, 2000)).toBe(false);
    expect(isBurst(1500, 0, 20, 2000)).toBe(false);
  });

  it('measures runs of consecutive phone numbers', () => {
    const n = (p: string) => phoneNumberValue(p)!;
    const sorted = ['+84912000001', '+84912000002', '+84912000004', '+84912000005', '+84987654321']
      .map(n)
      .sort((a, b) => a - b);
    expect(phoneRunLength(sorted, n('+84912000002'), 2)).toBe(4);
    expect(phoneRunLength(sorted, n('+84912000002'), 1)).toBe(2);
    expect(phoneRunLength(sorted, n('+84987654321'), 2)).toBe(1);
    expect(phoneNumberValue('+14155550100')).toBeNull();
  });
});

describe('FraudDetector', () => {
  const s = 'session-1';
  const settings = { ...DEFAULT_FRAUD_SETTINGS, votersPerIp: 3, votersPerSubnet: 5 };

  it('flags voters behind one address beyond the limit, not the neighbours', () => {
    const d = new FraudDetector(settings);
    const reasons = Array.from({ length: 5 }, (_, i) =>
      d.assess({ sessionId: s, voterKey: `d:${i}`, ip: '203.0.113.1' }),
    );
    expect(reasons.map((r) => r.includes('ip_crowd'))).toEqual([false, false, false, true, true]);
    expect(d.assess({ sessionId: s, voterKey: 'd:x', ip: '198.51.100.1' })).toEqual([]);
    // the same voter again behind a crowded address stays flagged
    expect(d.assess({ sessionId: s, voterKey: 'd:0', ip: '203.0.113.1' })).toContain('ip_crowd');
    // another session has its own counts
    expect(d.assess({ sessionId: 'other', voterKey: 'd:9', ip: '203.0.113.1' })).toEqual([]);
  });

  it('flags a subnet with many addresses', () => {
    const d = new FraudDetector(settings);
    const flagged = Array.from({ length: 8 }, (_, i) =>
      d.assess({ sessionId: s, voterKey: `d:${i}`, ip: `192.0.2.${i}` }).includes('subnet_crowd'),
    );
    expect(flagged.filter(Boolean)).toHaveLength(3);
  });

  it('counts the same voter once', () => {
    const d = new FraudDetector(settings);
    for (let i = 0; i < 20; i++)
      expect(d.assess({ sessionId: s, voterKey: 'd:same', ip: '203.0.113.1' })).toEqual([]);
  });

  it('flags many device tokens from one browser fingerprint', () => {
    const d = new FraudDetector({ ...DEFAULT_FRAUD_SETTINGS, devicesPerFingerprint: 10 });
    let flagged = 0;
    for (let i = 0; i < 300; i++) {
      const r = d.assess({
        sessionId: s,
        voterKey: `d:${i}`,
        deviceId: `${i}`,
        fingerprint: 'fp1',
      });
      if (r.includes('fingerprint_crowd')) flagged++;
    }
    expect(flagged).toBe(290);
    expect(d.assess({ sessionId: s, voterKey: 'd:n', deviceId: 'n', fingerprint: 'fp2' })).toEqual(
      [],
    );
  });

  it('flags a burst far above the usual rate', () => {
    const d = new FraudDetector({
      ...DEFAULT_FRAUD_SETTINGS,
      burstMinPerSecond: 50,
      burstFactor: 10,
    });
    const t0 = 1_000_000_000_000;
    // a minute of 2 votes per second
    for (let sec = 0; sec < 60; sec++)
      for (let k = 0; k < 2; k++)
        expect(d.assess({ sessionId: s, voterKey: `a${sec}${k}` }, t0 + sec * 1000)).toEqual([]);
    // then 400 votes within one second
    let flagged = 0;
    for (let k = 0; k < 1000; k++)
      if (d.assess({ sessionId: s, voterKey: `b${k}` }, t0 + 61_000 + k).includes('burst'))
        flagged++;
    expect(flagged).toBeGreaterThan(100);
  });

  it('flags a run of consecutive phone numbers', () => {
    const d = new FraudDetector({ ...DEFAULT_FRAUD_SETTINGS, phoneRunLength: 4, phoneRunGap: 1 });
    const flags = [1, 2, 3, 4, 5].map((i) =>
      d.assess({ sessionId: s, voterKey: `p${i}`, phone: `+8491200000${i}` }).includes('phone_run'),
    );
    expect(flags).toEqual([false, false, false, true, true]);
    expect(d.assess({ sessionId: s, voterKey: 'q', phone: '+84987654321' })).toEqual([]);
  });

  it('flags votes faster than a person', () => {
    const d = new FraudDetector();
    expect(d.assess({ sessionId: s, voterKey: 'x', elapsedMs: 50 })).toEqual(['too_fast']);
    expect(d.assess({ sessionId: s, voterKey: 'y', elapsedMs: 4000 })).toEqual([]);
  });

  it('hands over the votes a key had before it tripped, once', () => {
    const d = new FraudDetector(settings);
    const judged = Array.from({ length: 6 }, (_, i) =>
      d.judge({ sessionId: s, voteId: `v${i}`, voterKey: `d:${i % 4}`, ip: '203.0.113.1' }),
    );
    // voters d:0..d:3 (d:0 and d:1 twice); d:3 is the fourth, over the limit of 3
    expect(judged.map((j) => j.trips.length)).toEqual([0, 0, 0, 1, 0, 0]);
    expect(judged[3].trips[0]).toEqual({
      sessionId: s,
      reason: 'ip_crowd',
      key: 'ip:203.0.113.1',
      voteIds: ['v0', 'v1', 'v2'],
      voterKeys: [],
    });
    // later votes are flagged at intake; the key trips no more
    expect(judged[4].reasons).toContain('ip_crowd');
    expect(judged[5].trips).toEqual([]);
  });

  it('hands over the earlier devices of a fingerprint farm', () => {
    const d = new FraudDetector({ ...DEFAULT_FRAUD_SETTINGS, devicesPerFingerprint: 2 });
    const trips = [0, 1, 2].flatMap(
      (i) =>
        d.judge({
          sessionId: s,
          voteId: `v${i}`,
          voterKey: `d:${i}`,
          deviceId: `${i}`,
          fingerprint: 'fp',
        }).trips,
    );
    expect(trips).toEqual([
      {
        sessionId: s,
        reason: 'fingerprint_crowd',
        key: 'fingerprint:fp',
        voteIds: ['v0', 'v1'],
        voterKeys: [],
      },
    ]);
  });

  it('hands over the phones of a run that reached the threshold, also when two runs join', () => {
    const d = new FraudDetector({ ...DEFAULT_FRAUD_SETTINGS, phoneRunLength: 4, phoneRunGap: 1 });
    const judge = (n: number) =>
      d.judge({ sessionId: s, voterKey: `p:+8491200000${n}`, phone: `+8491200000${n}` });
    expect(judge(1).trips).toEqual([]);
    expect(judge(2).trips).toEqual([]);
    expect(judge(5).trips).toEqual([]);
    expect(judge(6).trips).toEqual([]);
    // 3 and 4 join 1-2 and 5-6 into one run of 6: the four before are held
    expect(judge(3).trips).toEqual([]);
    const joined = judge(4);
    expect(joined.reasons).toContain('phone_run');
    expect(joined.trips).toHaveLength(1);
    expect(joined.trips[0].voterKeys.sort()).toEqual(
      [1, 2, 3, 5, 6].map((n) => `p:+8491200000${n}`),
    );
    // a number added to a run already over the threshold trips nothing
    const more = judge(7);
    expect(more.reasons).toContain('phone_run');
    expect(more.trips).toEqual([]);
  });
});
