/**
 * What people read for the enumerated values that messages carry as parameters (a status, a
 * kind, a role, a limit): one catalogue per enumeration, in Vietnamese and English. A message
 * names the catalogue of each such parameter (`values: { status: 'entryStatus' }`) and
 * `translate` writes the value in the message's language, so that no English word ends up in a
 * Vietnamese sentence. Each catalogue is typed against its enumeration: a new value that has no
 * words here does not compile, and `i18n.spec.ts` walks every enumeration and every message.
 *
 * Only types are imported from the features: this file holds data and loads nothing.
 */
import type { UserRole } from '../../users/entities/user.entity';
import type { ContestRole } from '../../users/entities/contest-membership.entity';
import type { ContestStatus } from '../../contests/entities/contest.entity';
import type { RoundKind, RoundStatus } from '../../contests/entities/round.entity';
import type { MediaKind } from '../../contests/entities/category.entity';
import type { EntryAction, EntryStatus } from '../../entries/entry-state-machine';
import type { AuthorType } from '../../entries/entities/entry.entity';
import type { MediaVariant, PageVariant } from '../../media/entities/media-item.entity';
import type { NameProblem } from '../../media/file-names';
import type { ChecklistKey } from '../../contests/checklist.service';
import type {
  VoterIdentityKind,
  VotingSessionState,
} from '../../voting/entities/voting-session.entity';

export interface LocalizedText {
  vi: string;
  en: string;
}

type Catalogue<K extends string> = Record<K, LocalizedText>;

/** Entry fields a category may require before submission (REQUIRED_FIELD_CHOICES). */
export type RequiredEntryField =
  'summary' | 'contactName' | 'contactPhone' | 'contactEmail' | 'members';

/** Active content a PDF may carry (what MediaTools.scanPdf reports). */
export type PdfActiveFeature =
  'JavaScript' | 'JS' | 'Launch' | 'EmbeddedFile' | 'RichMedia' | 'XFA';

/** Which limit of a voting policy a vote ran into. */
export type VoteLimitKind = 'entry' | 'session' | 'day';

const userRole: Catalogue<`${UserRole}`> = {
  admin: { vi: 'quản trị viên', en: 'administrator' },
  organizer: { vi: 'ban tổ chức', en: 'organizer' },
  judge: { vi: 'giám khảo', en: 'judge' },
  contestant: { vi: 'thí sinh', en: 'contestant' },
};

const contestRole: Catalogue<`${ContestRole}`> = {
  organizer: { vi: 'ban tổ chức', en: 'organizer' },
  judge: { vi: 'giám khảo', en: 'judge' },
  contestant: { vi: 'thí sinh', en: 'contestant' },
};

const contestStatus: Catalogue<`${ContestStatus}`> = {
  draft: { vi: 'đang soạn', en: 'draft' },
  open: { vi: 'đang nhận bài', en: 'open' },
  judging: { vi: 'đang chấm thi', en: 'judging' },
  closed: { vi: 'đã kết thúc', en: 'closed' },
  published: { vi: 'đã công bố kết quả', en: 'published' },
};

const roundStatus: Catalogue<`${RoundStatus}`> = {
  pending: { vi: 'chưa mở', en: 'not open yet' },
  open: { vi: 'đang mở', en: 'open' },
  closed: { vi: 'đã đóng', en: 'closed' },
};

const roundKind: Catalogue<`${RoundKind}`> = {
  submission: { vi: 'nhận bài', en: 'submission' },
  screening: { vi: 'sơ tuyển', en: 'screening' },
  judging: { vi: 'chấm thi', en: 'judging' },
  public_vote: { vi: 'bình chọn', en: 'public vote' },
  final: { vi: 'chung khảo', en: 'final' },
};

const entryStatus: Catalogue<`${EntryStatus}`> = {
  draft: { vi: 'bản nháp', en: 'draft' },
  submitted: { vi: 'đã nộp', en: 'submitted' },
  withdrawn: { vi: 'đã rút', en: 'withdrawn' },
  eligible: { vi: 'hợp lệ', en: 'eligible' },
  disqualified: { vi: 'bị loại', en: 'disqualified' },
  advanced: { vi: 'vào vòng sau', en: 'advanced' },
  eliminated: { vi: 'dừng lại', en: 'eliminated' },
  awarded: { vi: 'đạt giải', en: 'awarded' },
};

const entryAction: Catalogue<`${EntryAction}` | 'publish'> = {
  submit: { vi: 'nộp bài', en: 'submit' },
  withdraw: { vi: 'rút bài', en: 'withdraw' },
  accept: { vi: 'công nhận hợp lệ', en: 'accept' },
  disqualify: { vi: 'loại bài', en: 'disqualify' },
  return: { vi: 'trả lại để bổ sung', en: 'return to the contestant' },
  advance: { vi: 'đưa vào vòng sau', en: 'advance' },
  eliminate: { vi: 'dừng ở vòng này', en: 'eliminate' },
  award: { vi: 'trao giải', en: 'award' },
  publish: { vi: 'công bố', en: 'publish' },
};

const authorType: Catalogue<`${AuthorType}`> = {
  collective: { vi: 'tập thể', en: 'collective' },
  individual: { vi: 'cá nhân', en: 'individual' },
};

const entryField: Catalogue<RequiredEntryField> = {
  summary: { vi: 'tóm tắt', en: 'summary' },
  contactName: { vi: 'tên người liên hệ', en: 'contact name' },
  contactPhone: { vi: 'số điện thoại liên hệ', en: 'contact phone' },
  contactEmail: { vi: 'thư điện tử liên hệ', en: 'contact email' },
  members: { vi: 'danh sách thành viên', en: 'members' },
};

const mediaKind: Catalogue<`${MediaKind}`> = {
  video: { vi: 'video', en: 'video' },
  image: { vi: 'ảnh', en: 'image' },
  audio: { vi: 'âm thanh', en: 'audio' },
  document: { vi: 'tài liệu', en: 'document' },
};

/** A missing page image (`page-3`) is reported as `page`. */
const mediaVariant: Catalogue<Exclude<MediaVariant, PageVariant>> = {
  original: { vi: 'bản gốc', en: 'original' },
  thumb: { vi: 'ảnh thu nhỏ', en: 'thumbnail' },
  preview: { vi: 'bản xem trước', en: 'preview' },
  mobile: { vi: 'bản nhẹ cho điện thoại', en: 'light version for phones' },
  poster: { vi: 'ảnh bìa', en: 'poster' },
  page: { vi: 'ảnh trang', en: 'page image' },
  social: { vi: 'ảnh chia sẻ', en: 'share image' },
};

const fileNameProblem: Catalogue<NameProblem> = {
  empty: { vi: 'tên trống', en: 'empty' },
  control: { vi: 'có ký tự điều khiển', en: 'control characters' },
  bidi: { vi: 'có ký tự đảo chiều văn bản', en: 'text-direction overrides' },
  path: { vi: 'có đường dẫn thư mục', en: 'a folder path' },
  too_long: { vi: 'quá dài', en: 'too long' },
};

const pdfFeature: Catalogue<PdfActiveFeature> = {
  JavaScript: { vi: 'mã lệnh JavaScript', en: 'JavaScript' },
  JS: { vi: 'mã lệnh JavaScript', en: 'JavaScript' },
  Launch: { vi: 'lệnh mở chương trình', en: 'launch actions' },
  EmbeddedFile: { vi: 'tệp nhúng', en: 'embedded files' },
  RichMedia: { vi: 'nội dung đa phương tiện nhúng', en: 'rich media' },
  XFA: { vi: 'biểu mẫu động XFA', en: 'XFA forms' },
};

const tusExtension: Catalogue<'concatenation'> = {
  concatenation: { vi: 'ghép nhiều lượt tải lên', en: 'concatenation' },
};

const votingState: Catalogue<`${VotingSessionState}`> = {
  scheduled: { vi: 'chưa mở', en: 'not open yet' },
  open: { vi: 'đang mở', en: 'open' },
  paused: { vi: 'tạm dừng', en: 'paused' },
  closed: { vi: 'đã kết thúc', en: 'closed' },
};

const voteLimitKind: Catalogue<VoteLimitKind> = {
  entry: { vi: 'mỗi bài dự thi', en: 'per entry' },
  session: { vi: 'cả phiên', en: 'per session' },
  day: { vi: 'mỗi ngày', en: 'per day' },
};

const voterIdentity: Catalogue<`${VoterIdentityKind}`> = {
  device: { vi: 'mã thiết bị', en: 'device token' },
  phone: { vi: 'số điện thoại đã xác minh', en: 'verified phone number' },
  member: { vi: 'tài khoản hội viên', en: 'member account' },
};

/** What the setup checklist asks for before a contest opens. */
const checklistItem: Catalogue<ChecklistKey> = {
  categories: { vi: 'ít nhất một lĩnh vực dự thi', en: 'at least one category' },
  submissionRound: { vi: 'một vòng nhận bài', en: 'a submission round' },
  roundWindows: {
    vi: 'thời gian hợp lệ cho các vòng (mở trước khi đóng, hạn nộp bài chưa qua)',
    en: 'valid round windows (each opens before it closes, the submission deadline not past)',
  },
  rubrics: { vi: 'tiêu chí chấm cho mỗi vòng chấm', en: 'a rubric for every judging round' },
  description: { vi: 'phần giới thiệu', en: 'a description' },
  scope: { vi: 'đơn vị tổ chức', en: 'an organizing unit' },
  judges: { vi: 'giám khảo', en: 'judges' },
};

/** Every value catalogue, by the name messages use. */
export const VALUE_CATALOGUES = {
  userRole,
  contestRole,
  contestStatus,
  roundStatus,
  roundKind,
  entryStatus,
  entryAction,
  authorType,
  entryField,
  mediaKind,
  mediaVariant,
  fileNameProblem,
  pdfFeature,
  tusExtension,
  votingState,
  voteLimitKind,
  voterIdentity,
  checklistItem,
} as const satisfies Record<string, Record<string, LocalizedText>>;

/**
 * How a parameter is written: a value of a catalogue, or `literal`: values a client must send as
 * they are (the choices of an enumerated field), written in quotes as code, with the words of
 * their catalogue beside them when `token:<catalogue>` names one.
 */
export type ValueKind =
  keyof typeof VALUE_CATALOGUES | 'literal' | `token:${keyof typeof VALUE_CATALOGUES}`;

/** What an empty list of values reads as. */
export const NONE: LocalizedText = { vi: 'không có', en: 'none' };
