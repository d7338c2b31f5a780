/** Plausible Chinese personal names and office phone numbers for demo staff and reporters. */
import type { Random } from './random';

/** Common surnames, most frequent first (weights roughly follow their national shares). */
const SURNAMES = [
  '王',
  '李',
  '张',
  '刘',
  '陈',
  '杨',
  '黄',
  '赵',
  '吴',
  '周',
  '徐',
  '孙',
  '马',
  '朱',
  '胡',
  '郭',
  '何',
  '林',
  '罗',
  '钟',
  '彭',
  '曾',
  '谢',
  '邓',
  '刘',
  '易',
  '文',
  '肖',
  '贺',
  '欧阳',
];
const GIVEN_CHARS =
  '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建国红梅玉兰志海波宁晨鑫婷雪琴斌辉文萍春燕';

export function personName(random: Random): string {
  const surname = SURNAMES[
    Math.min(SURNAMES.length - 1, Math.floor(random.next() ** 1.8 * SURNAMES.length))
  ] as string;
  const length = random.chance(0.7) ? 2 : 1;
  let given = '';
  for (let i = 0; i < length; i++) given += GIVEN_CHARS[random.int(0, GIVEN_CHARS.length - 1)];
  return surname + given;
}

/** "王女士" / "李先生": how a 12345 operator records a caller. */
export function reporterName(random: Random): string {
  return (random.pick(SURNAMES) as string) + (random.chance(0.5) ? '先生' : '女士');
}

/** A Pingxiang landline (area code 0799): office numbers, never someone's mobile. */
export function officePhone(random: Random): string {
  return `0799-${random.int(6, 8)}${String(random.int(0, 999_999)).padStart(6, '0')}`;
}
