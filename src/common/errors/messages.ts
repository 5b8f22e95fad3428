import { defineMessages } from '../i18n/i18n';

export const CommonMessages = defineMessages({
  'common.bad_request': { vi: 'Yêu cầu không hợp lệ.', en: 'The request is invalid.' },
  'common.validation_failed': {
    vi: 'Dữ liệu gửi lên không hợp lệ.',
    en: 'The submitted data is invalid.',
  },
  'common.malformed_json': {
    vi: 'Nội dung JSON không đúng cú pháp.',
    en: 'The JSON body is malformed.',
  },
  'common.json_too_deep': {
    vi: 'Nội dung JSON lồng nhau quá sâu (tối đa {max} cấp).',
    en: 'The JSON body is nested too deeply (at most {max} levels).',
  },
  'common.forbidden_key': {
    vi: 'Nội dung chứa khóa bị cấm ({key}).',
    en: 'The body contains a forbidden key ({key}).',
  },
  'common.body_too_large': {
    vi: 'Nội dung gửi lên quá lớn (tối đa {limit} byte).',
    en: 'The request body is too large (at most {limit} bytes).',
  },
  'common.bad_url': { vi: 'Đường dẫn không hợp lệ.', en: 'The URL is invalid.' },
  'common.uri_too_long': { vi: 'Đường dẫn quá dài.', en: 'The URL is too long.' },
  'common.empty_body': { vi: 'Thiếu nội dung yêu cầu.', en: 'The request body is empty.' },
  'common.unsupported_media_type': {
    vi: 'Kiểu nội dung không được hỗ trợ.',
    en: 'The content type is not supported.',
  },
  'common.unauthorized': { vi: 'Bạn cần đăng nhập.', en: 'Authentication is required.' },
  'common.forbidden': {
    vi: 'Bạn không có quyền thực hiện thao tác này.',
    en: 'You are not allowed to do this.',
  },
  'common.not_found': { vi: 'Không tìm thấy.', en: 'Not found.' },
  'common.route_not_found': {
    vi: 'Không có đường dẫn {method} {path}.',
    en: 'There is no route {method} {path}.',
  },
  'common.method_not_allowed': { vi: 'Phương thức không được hỗ trợ.', en: 'Method not allowed.' },
  'common.conflict': { vi: 'Xung đột dữ liệu.', en: 'The data conflicts with its current state.' },
  'common.too_many_requests': {
    vi: 'Quá nhiều yêu cầu, vui lòng thử lại sau {retryAfter} giây.',
    en: 'Too many requests; try again in {retryAfter} seconds.',
  },
  'common.service_unavailable': {
    vi: 'Dịch vụ tạm thời không sẵn sàng, vui lòng thử lại.',
    en: 'The service is temporarily unavailable; please retry.',
  },
  'common.internal': {
    vi: 'Đã có lỗi hệ thống. Vui lòng thử lại hoặc báo mã yêu cầu cho ban tổ chức.',
    en: 'An internal error occurred. Please retry or report the request id to the organizers.',
  },
  'common.invalid_uuid': { vi: 'Mã định danh không hợp lệ.', en: 'The identifier is invalid.' },
  // field-level validation messages, keyed by class-validator constraint name
  'field.unknown': { vi: 'Trường này không được phép.', en: 'This field is not allowed.' },
  'field.isDefined': { vi: 'Bắt buộc phải có.', en: 'Is required.' },
  'field.isNotEmpty': { vi: 'Không được để trống.', en: 'Must not be empty.' },
  'field.isString': { vi: 'Phải là chuỗi ký tự.', en: 'Must be a string.' },
  'field.isInt': { vi: 'Phải là số nguyên.', en: 'Must be an integer.' },
  'field.isNumber': { vi: 'Phải là số.', en: 'Must be a number.' },
  'field.isBoolean': { vi: 'Phải là true hoặc false.', en: 'Must be true or false.' },
  'field.isEmail': { vi: 'Phải là địa chỉ email hợp lệ.', en: 'Must be a valid email address.' },
  'field.isUuid': { vi: 'Phải là mã UUID hợp lệ.', en: 'Must be a valid UUID.' },
  'field.isEnum': {
    vi: 'Phải là một trong các giá trị: {values}.',
    en: 'Must be one of: {values}.',
    values: { values: 'literal' },
  },
  'field.isIn': {
    vi: 'Phải là một trong các giá trị: {values}.',
    en: 'Must be one of: {values}.',
    values: { values: 'literal' },
  },
  'field.minLength': {
    vi: 'Phải có ít nhất {min} ký tự.',
    en: 'Must be at least {min} characters.',
  },
  'field.maxLength': { vi: 'Tối đa {max} ký tự.', en: 'Must be at most {max} characters.' },
  'field.min': { vi: 'Không được nhỏ hơn {min}.', en: 'Must not be less than {min}.' },
  'field.max': { vi: 'Không được lớn hơn {max}.', en: 'Must not be greater than {max}.' },
  'field.matches': { vi: 'Không đúng định dạng.', en: 'Has an invalid format.' },
  'field.isArray': { vi: 'Phải là một danh sách.', en: 'Must be a list.' },
  'field.arrayMaxSize': { vi: 'Tối đa {max} phần tử.', en: 'Must have at most {max} items.' },
  'field.arrayMinSize': { vi: 'Cần ít nhất {min} phần tử.', en: 'Must have at least {min} items.' },
  'field.isObject': { vi: 'Phải là một đối tượng.', en: 'Must be an object.' },
  'field.nestedValidation': { vi: 'Phải là một đối tượng hợp lệ.', en: 'Must be a valid object.' },
  'field.isDateString': { vi: 'Phải là thời điểm ISO 8601.', en: 'Must be an ISO 8601 date-time.' },
  'field.isPhone': {
    vi: 'Phải là số điện thoại Việt Nam hợp lệ.',
    en: 'Must be a valid Vietnamese phone number.',
  },
  'field.isStrongPassword': {
    vi: 'Mật khẩu cần ít nhất 8 ký tự, gồm cả chữ và số.',
    en: 'The password needs at least 8 characters with letters and digits.',
  },
  'field.textControls': {
    vi: 'Không được chứa ký tự điều khiển.',
    en: 'Must not contain control characters.',
  },
  'field.textUnicode': {
    vi: 'Chứa ký tự Unicode không hợp lệ.',
    en: 'Contains invalid Unicode characters.',
  },
  'field.textSingleLine': {
    vi: 'Phải viết trên một dòng, không xuống dòng hay dùng ký tự tab.',
    en: 'Must be a single line, without line breaks or tabs.',
  },
  'field.textBidi': {
    vi: 'Không được chứa ký tự đảo chiều hoặc sắp xếp lại văn bản.',
    en: 'Must not contain characters that reverse or reorder text.',
  },
  'field.notNull': {
    vi: 'Không nhận giá trị rỗng; hãy bỏ hẳn trường này nếu không dùng đến.',
    en: 'Must not be null; leave the field out instead.',
  },
  'field.dateRange': {
    vi: 'Phải là thời điểm trong khoảng từ năm {from} đến năm {to}.',
    en: 'Must be a date-time between the years {from} and {to}.',
  },
  'field.invalid': { vi: 'Giá trị không hợp lệ.', en: 'The value is invalid.' },
});
