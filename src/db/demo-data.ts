import type { Role, UnitLevel } from "../domain/roles.js";

/**
 * Demo data for a first run: one province, a few communes and hamlets, one person per role
 * (each already linked to a simulator account) and a few unlinked roster entries. Unit codes are illustrative, not the official codes of these communes.
 */
export interface DemoUnit {
  code: string;
  name: string;
  level: UnitLevel;
  parentCode: string | null;
}

export const DEMO_UNITS: DemoUnit[] = [
  { code: "42", name: "Tỉnh Hà Tĩnh", level: "province", parentCode: null },
  { code: "42-LTT", name: "Xã Lâm Trung Thủy", level: "commune", parentCode: "42" },
  { code: "42-LTT-01", name: "Thôn 1", level: "hamlet", parentCode: "42-LTT" },
  { code: "42-LTT-02", name: "Thôn 2", level: "hamlet", parentCode: "42-LTT" },
  { code: "42-LTT-03", name: "Thôn 3", level: "hamlet", parentCode: "42-LTT" },
  { code: "42-DT", name: "Xã Đức Thọ", level: "commune", parentCode: "42" },
  { code: "42-DT-01", name: "Thôn Yên Trung", level: "hamlet", parentCode: "42-DT" },
  { code: "42-DT-02", name: "Thôn Trung Lương", level: "hamlet", parentCode: "42-DT" },
  { code: "42-TS", name: "Phường Thành Sen", level: "commune", parentCode: "42" },
  { code: "42-TS-01", name: "Tổ dân phố 1", level: "hamlet", parentCode: "42-TS" },
  { code: "42-TS-02", name: "Tổ dân phố 2", level: "hamlet", parentCode: "42-TS" },
];

/** A user of the simulator's chat page: a Telegram user as the simulated messenger knows it. */
export interface SimulatorUser {
  id: number;
  firstName: string;
  lastName?: string;
  username?: string;
  /** Sent when the user taps a "share my phone number" button. */
  phoneNumber: string;
  /** What the page shows under the name, so a visitor knows whom they are playing. */
  description: string;
  languageCode?: string;
}

export interface DemoPerson {
  fullName: string;
  phone: string;
  role: Role;
  unitCode: string;
  title?: string;
  /** Linked to this simulator user id, if any. */
  telegramId?: number;
}

export const DEMO_PEOPLE: DemoPerson[] = [
  {
    fullName: "Nguyễn Văn An",
    phone: "+84912000001",
    role: "hamlet_head",
    unitCode: "42-LTT-03",
    title: "Trưởng thôn",
    telegramId: 710000001,
  },
  {
    fullName: "Trần Thị Bình",
    phone: "+84912000002",
    role: "commune_officer",
    unitCode: "42-LTT",
    title: "Công chức Văn hóa - Xã hội",
    telegramId: 710000002,
  },
  {
    fullName: "Lê Văn Cường",
    phone: "+84912000003",
    role: "trainer",
    unitCode: "42",
    title: "Chuyên viên tập huấn, Sở Nông nghiệp và Môi trường",
    telegramId: 710000003,
  },
  {
    fullName: "Phạm Thị Dung",
    phone: "+84912000004",
    role: "supervisor",
    unitCode: "42",
    title: "Phó Giám đốc Sở Nông nghiệp và Môi trường",
    telegramId: 710000004,
  },
  {
    fullName: "Hoàng Văn Em",
    phone: "+84912000005",
    role: "admin",
    unitCode: "42",
    title: "Quản trị hệ thống",
    telegramId: 710000005,
  },
  // On the roster but not yet linked to a messenger account.
  { fullName: "Võ Văn Giang", phone: "+84912000011", role: "hamlet_head", unitCode: "42-LTT-01" },
  { fullName: "Đặng Thị Hoa", phone: "+84912000012", role: "hamlet_head", unitCode: "42-LTT-02" },
  { fullName: "Bùi Văn Khánh", phone: "+84912000021", role: "commune_officer", unitCode: "42-DT" },
  { fullName: "Ngô Thị Lan", phone: "+84912000022", role: "hamlet_head", unitCode: "42-DT-01" },
  { fullName: "Đinh Văn Minh", phone: "+84912000023", role: "hamlet_head", unitCode: "42-DT-02" },
  { fullName: "Lý Thị Nga", phone: "+84912000031", role: "commune_officer", unitCode: "42-TS" },
];

/** Everyone the simulator page offers: the linked demo people, one unlinked, one stranger. */
export const DEMO_SIMULATOR_USERS: SimulatorUser[] = [
  {
    id: 710000001,
    firstName: "An",
    lastName: "Nguyễn Văn",
    phoneNumber: "+84912000001",
    description: "Trưởng thôn · Thôn 3, Xã Lâm Trung Thủy",
  },
  {
    id: 710000002,
    firstName: "Bình",
    lastName: "Trần Thị",
    phoneNumber: "+84912000002",
    description: "Cán bộ xã · Xã Lâm Trung Thủy",
  },
  {
    id: 710000003,
    firstName: "Cường",
    lastName: "Lê Văn",
    phoneNumber: "+84912000003",
    description: "Giảng viên · Tỉnh Hà Tĩnh",
  },
  {
    id: 710000004,
    firstName: "Dung",
    lastName: "Phạm Thị",
    phoneNumber: "+84912000004",
    description: "Lãnh đạo · Tỉnh Hà Tĩnh",
  },
  {
    id: 710000005,
    firstName: "Em",
    lastName: "Hoàng Văn",
    phoneNumber: "+84912000005",
    description: "Quản trị · Tỉnh Hà Tĩnh",
  },
  {
    id: 710000011,
    firstName: "Giang",
    lastName: "Võ Văn",
    phoneNumber: "+84912000011",
    description: "Có trong danh sách, chưa liên kết · Thôn 1",
  },
  {
    id: 710000022,
    firstName: "Lan",
    lastName: "Ngô Thị",
    phoneNumber: "+84912000022",
    description: "Trưởng thôn, chưa liên kết · Thôn Yên Trung, Xã Đức Thọ",
  },
  {
    id: 710000099,
    firstName: "Khách",
    phoneNumber: "+84987654321",
    description: "Chưa đăng ký",
  },
];
