import type { Role, UnitLevel } from "../domain/roles.js";

/**
 * Demo data for a first run: one province, a few communes and hamlets, one person per role
 * (each already linked to a simulator account), a few unlinked roster entries, and a handful of
 * FAQ entries. Unit codes are illustrative, not the official codes of these communes.
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
    id: 710000099,
    firstName: "Khách",
    phoneNumber: "+84987654321",
    description: "Chưa đăng ký",
  },
];

export interface DemoFaqEntry {
  key: string;
  topics: string[];
  title: string;
  phrasings: string[];
  answer: string;
  source: string;
  validFrom?: string;
  validTo?: string;
}

/** End of a day in Vietnam, as an instant. */
const endOfDayVn = (date: string) => `${date}T23:59:59.999+07:00`;
const startOfDayVn = (date: string) => `${date}T00:00:00.000+07:00`;

/** A few answers written from the policy fact sheet (topic ids refer to it). */
export const DEMO_FAQ_ENTRIES: DemoFaqEntry[] = [
  {
    key: "chuan-ngheo-2022-2026",
    topics: ["T1.2", "T1.3", "G1", "G2"],
    title: "Chuẩn hộ nghèo, hộ cận nghèo đang áp dụng",
    phrasings: ["chuẩn hộ nghèo hiện nay là bao nhiêu", "thế nào là hộ cận nghèo"],
    answer:
      "Đến hết 31/12/2026 vẫn áp dụng chuẩn giai đoạn 2022–2025:\n" +
      "• <b>Hộ nghèo</b>: thu nhập bình quân từ 1.500.000 đ/người/tháng trở xuống (nông thôn) hoặc từ 2.000.000 đ trở xuống (thành thị), <b>và</b> thiếu hụt từ 3 chỉ số dịch vụ xã hội cơ bản trở lên.\n" +
      "• <b>Hộ cận nghèo</b>: cùng mức thu nhập đó nhưng thiếu hụt dưới 3 chỉ số.",
    source:
      "Nghị định 07/2021/NĐ-CP ngày 27/01/2021, Điều 3; thời hạn áp dụng kéo dài đến 31/12/2026 theo Nghị định 351/2025/NĐ-CP",
    validTo: endOfDayVn("2026-12-31"),
  },
  {
    key: "chuan-ngheo-moi-tu-2027",
    topics: ["T2", "G1"],
    title: "Chuẩn nghèo mới từ năm 2027",
    phrasings: ["chuẩn nghèo mới 2027", "năm 2026 rà soát theo chuẩn nào"],
    answer:
      "Năm 2026 vẫn rà soát theo chuẩn 2022–2025. Từ 01/01/2027 áp dụng chuẩn mới:\n" +
      "• <b>Hộ nghèo</b>: thu nhập bình quân từ 2.200.000 đ/người/tháng trở xuống (nông thôn) hoặc từ 2.800.000 đ trở xuống (đô thị), <b>và</b> thiếu hụt từ 3 chỉ số trở lên.\n" +
      "• <b>Hộ cận nghèo</b>: cùng mức thu nhập, thiếu hụt dưới 3 chỉ số.",
    source: "Nghị định 351/2025/NĐ-CP ngày 30/12/2025",
    validTo: endOfDayVn("2026-12-31"),
  },
  {
    key: "chuan-ngheo-2027-2030",
    topics: ["T2", "G1", "G2"],
    title: "Chuẩn hộ nghèo, hộ cận nghèo đang áp dụng",
    phrasings: ["chuẩn hộ nghèo hiện nay là bao nhiêu", "thế nào là hộ cận nghèo"],
    answer:
      "Từ 01/01/2027 đến năm 2030 áp dụng chuẩn mới:\n" +
      "• <b>Hộ nghèo</b>: thu nhập bình quân từ 2.200.000 đ/người/tháng trở xuống (nông thôn) hoặc từ 2.800.000 đ trở xuống (đô thị), <b>và</b> thiếu hụt từ 3 chỉ số dịch vụ xã hội cơ bản trở lên.\n" +
      "• <b>Hộ cận nghèo</b>: cùng mức thu nhập đó nhưng thiếu hụt dưới 3 chỉ số.",
    source: "Nghị định 351/2025/NĐ-CP ngày 30/12/2025",
    validFrom: startOfDayVn("2027-01-01"),
  },
  {
    key: "thoi-gian-ra-soat",
    topics: ["T3.2"],
    title: "Rà soát hộ nghèo, hộ cận nghèo làm vào thời gian nào?",
    phrasings: ["rà soát hộ nghèo từ ngày nào", "rà soát thường xuyên hằng tháng"],
    answer:
      "• <b>Rà soát định kỳ</b>: mỗi năm một lần, từ ngày 01/9 đến hết ngày 14/12.\n" +
      "• <b>Rà soát thường xuyên</b>: mỗi tháng một lần, bắt đầu từ ngày 15 hằng tháng.\n" +
      "Ngày cụ thể ở địa phương theo kế hoạch rà soát của tỉnh — hỏi cán bộ xã nếu cần.",
    source: "Quyết định 24/2021/QĐ-TTg ngày 16/7/2021, Điều 3",
  },
  {
    key: "bhyt-ho-ngheo-can-ngheo",
    topics: ["T4.1"],
    title: "Hộ nghèo, hộ cận nghèo được hỗ trợ bảo hiểm y tế thế nào?",
    phrasings: ["hộ cận nghèo được hỗ trợ bhyt bao nhiêu", "hộ nghèo có được cấp thẻ bhyt không"],
    answer:
      "• <b>Hộ nghèo</b>: ngân sách nhà nước đóng toàn bộ tiền BHYT.\n" +
      "• <b>Hộ cận nghèo</b>: ngân sách nhà nước hỗ trợ tối thiểu 70% mức đóng; 100% nếu sống ở xã nghèo theo quyết định của Thủ tướng. Phần còn lại địa phương có thể hỗ trợ thêm — hỏi cán bộ xã về mức của tỉnh mình.",
    source:
      "Nghị định 75/2023/NĐ-CP (hộ nghèo); Nghị định 188/2025/NĐ-CP ngày 01/7/2025, hiệu lực 15/8/2025 (hộ cận nghèo)",
  },
  {
    key: "vay-von-nhcsxh-ho-ngheo",
    topics: ["T4.2"],
    title: "Hộ nghèo vay vốn Ngân hàng Chính sách xã hội được bao nhiêu?",
    phrasings: ["hộ nghèo vay nhcsxh tối đa bao nhiêu", "lãi suất vay hộ cận nghèo"],
    answer:
      "• <b>Hộ nghèo</b>: vay tối đa 100 triệu đồng/hộ, không cần tài sản bảo đảm, thời hạn tối đa 120 tháng; lãi suất 0,55%/tháng.\n" +
      "• <b>Hộ cận nghèo</b>: lãi suất 0,66%/tháng.\n" +
      "Vay qua tổ tiết kiệm và vay vốn ở thôn, giao dịch tại điểm giao dịch xã. Mức vay và lãi suất có thể đã điều chỉnh — hãy kiểm tra tại điểm giao dịch NHCSXH.",
    source:
      "Nghị định 78/2002/NĐ-CP; mức vay theo NHCSXH từ 01/3/2019; lãi suất theo QĐ 750/QĐ-TTg (2015) và QĐ 15/2013/QĐ-TTg",
  },
];
