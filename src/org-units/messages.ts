import { defineMessages } from '../common/i18n/i18n';

export const OrgUnitMessages = defineMessages({
  'org_units.outside_scope': {
    vi: 'Bạn chỉ được sửa các đơn vị trực thuộc «{name}».',
    en: 'You may only change the units under “{name}”.',
  },
  'org_units.scope_required': {
    vi: 'Tài khoản của bạn chưa gắn với đơn vị hội nào, nên chưa sửa được cây đơn vị.',
    en: 'Your account belongs to no union unit, so it cannot change the unit tree.',
  },
  'org_units.not_found': { vi: 'Không tìm thấy đơn vị hội.', en: 'Union unit not found.' },
  'org_units.code_taken': {
    vi: 'Mã đơn vị {code} đã được dùng.',
    en: 'The unit code {code} is already in use.',
  },
  'org_units.code_format': {
    vi: 'Mã đơn vị chỉ gồm chữ in hoa không dấu, chữ số và các ký tự . _ - (tối đa 50 ký tự).',
    en: 'A unit code may only contain A-Z, 0-9, ".", "_" and "-" (at most 50 characters).',
  },
  'org_units.date_format': {
    vi: 'Phải là ngày theo dạng YYYY-MM-DD.',
    en: 'Must be a date as YYYY-MM-DD.',
  },
  'org_units.parent_not_found': {
    vi: 'Không tìm thấy đơn vị cấp trên.',
    en: 'The parent unit does not exist.',
  },
  'org_units.parent_not_active': {
    vi: 'Đơn vị cấp trên đã sáp nhập hoặc giải thể.',
    en: 'The parent unit has been merged or dissolved.',
  },
  'org_units.not_active': {
    vi: 'Đơn vị "{name}" đã sáp nhập hoặc giải thể, không thể thay đổi.',
    en: 'The unit "{name}" has been merged or dissolved and cannot be changed.',
  },
  'org_units.move_into_own_subtree': {
    vi: 'Không thể chuyển đơn vị vào chính nó hoặc vào một đơn vị trực thuộc nó.',
    en: 'A unit cannot be moved under itself or under one of its own sub-units.',
  },
  'org_units.merge_into_itself': {
    vi: 'Không thể sáp nhập một đơn vị vào chính nó.',
    en: 'A unit cannot be merged into itself.',
  },
  'org_units.merge_target_in_source': {
    vi: 'Đơn vị nhận sáp nhập đang trực thuộc đơn vị "{name}" bị sáp nhập.',
    en: 'The receiving unit lies under "{name}", which is being merged.',
  },
  'org_units.has_active_children': {
    vi: 'Đơn vị còn {count} đơn vị trực thuộc đang hoạt động; hãy chuyển hoặc sáp nhập trước khi giải thể.',
    en: 'The unit still has {count} active sub-units; move or merge them before dissolving it.',
  },
  'org_units.invalid_cursor': {
    vi: 'Con trỏ phân trang không hợp lệ.',
    en: 'The page cursor is invalid.',
  },
  'org_units.import_unreadable': {
    vi: 'Không đọc được tệp nhập (cần CSV UTF-8 hoặc XLSX).',
    en: 'The import file could not be read (UTF-8 CSV or XLSX expected).',
  },
  'org_units.import_empty': {
    vi: 'Tệp nhập không có dòng dữ liệu nào.',
    en: 'The import file has no data rows.',
  },
  'org_units.import_too_many_rows': {
    vi: 'Tệp nhập có quá nhiều dòng (tối đa {max}).',
    en: 'The import file has too many rows (at most {max}).',
  },
  'org_units.import_missing_column': {
    vi: 'Thiếu cột "{column}".',
    en: 'The column "{column}" is missing.',
  },
  'org_units.import_duplicate_code': {
    vi: 'Mã {code} xuất hiện nhiều lần trong tệp (lần đầu ở dòng {firstRow}).',
    en: 'The code {code} appears more than once in the file (first at row {firstRow}).',
  },
  'org_units.import_parent_is_self': {
    vi: 'Đơn vị không thể là cấp trên của chính nó.',
    en: 'A unit cannot be its own parent.',
  },
  'org_units.import_cycle': {
    vi: 'Quan hệ cấp trên tạo thành vòng lặp.',
    en: 'The parent relations form a cycle.',
  },
});
