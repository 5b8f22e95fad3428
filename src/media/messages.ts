import { defineMessages } from '../common/i18n/i18n';

export const MediaMessages = defineMessages({
  'media.not_found': { vi: 'Không tìm thấy tệp.', en: 'The file was not found.' },
  'media.variant_missing': {
    vi: 'Tệp này chưa có bản {variant}.',
    en: 'This file has no {variant} version yet.',
    values: { variant: 'mediaVariant' },
  },
  'media.entry_not_found': {
    vi: 'Không tìm thấy bài dự thi.',
    en: 'The entry was not found.',
  },
  'media.upload_forbidden': {
    vi: 'Bạn không thể tải tệp lên bài dự thi này (chỉ tác giả, khi bài còn là bản nháp).',
    en: 'You may not upload files to this entry (only its author, while it is a draft).',
  },
  'media.url_invalid': {
    vi: 'Đường dẫn tệp không hợp lệ hoặc không dành cho bạn. Hãy mở lại bài dự thi.',
    en: 'This file address is not valid or not yours. Open the entry again.',
  },
  'media.url_expired': {
    vi: 'Đường dẫn tệp đã hết hạn. Hãy mở lại bài dự thi.',
    en: 'This file address has expired. Open the entry again.',
  },
  'media.url_no_access': {
    vi: 'Bạn không còn quyền xem tệp này.',
    en: 'You no longer have access to this file.',
  },
  'media.blind_original_hidden': {
    vi: 'Vòng chấm thi ẩn danh: chỉ xem được bản xem trước, không tải bản gốc.',
    en: 'Blind judging: only the preview is available, not the original.',
  },
  'media.invalid_name': {
    vi: 'Tên tệp không hợp lệ ({problem}): không được chứa ký tự điều khiển, ký tự đảo chiều văn bản, dấu / \\ hay "..".',
    en: 'The file name is invalid ({problem}): no control characters, text-direction overrides, / \\ or "..".',
    values: { problem: 'fileNameProblem' },
  },
  'media.name_too_long': {
    vi: 'Tên tệp quá dài (tối đa {max} ký tự).',
    en: 'The file name is too long (at most {max} characters).',
  },
  'media.name_required': { vi: 'Thiếu tên tệp.', en: 'The file name is missing.' },
  'media.too_large': {
    vi: 'Tệp quá lớn (tối đa {max} byte).',
    en: 'The file is too large (at most {max} bytes).',
  },
  'media.multipart_too_large': {
    vi: 'Tệp lớn hơn {max} byte, mức tối đa của cách tải lên một lần; hãy dùng cách tải lên có thể tiếp tục khi mất kết nối.',
    en: 'The file is larger than {max} bytes, the most a single-request upload takes; use the resumable upload instead.',
  },
  'media.empty': { vi: 'Tệp rỗng.', en: 'The file is empty.' },
  'media.too_many': {
    vi: 'Bài dự thi đã đủ số tệp cho phép (tối đa {max}).',
    en: 'The entry already has the most files allowed (at most {max}).',
  },
  'media.too_few': {
    vi: 'Bài dự thi cần ít nhất {min} tệp theo quy định của lĩnh vực (hiện có {count}).',
    en: 'The category requires at least {min} files (the entry has {count}).',
  },
  'media.kind_not_allowed': {
    vi: 'Thể loại này không nhận tệp loại {kind} (chỉ nhận: {allowed}).',
    en: 'This category does not accept {kind} files (accepted: {allowed}).',
    values: { kind: 'mediaKind', allowed: 'mediaKind' },
  },
  'media.executable': {
    vi: 'Tệp chương trình (có thể chạy được) không được chấp nhận.',
    en: 'Executable files are not accepted.',
  },
  'media.script': {
    vi: 'Tệp chứa mã lệnh chạy được không được chấp nhận.',
    en: 'Files containing scripts are not accepted.',
  },
  'media.markup': {
    vi: 'Tệp SVG, HTML hay XML không được chấp nhận (có thể chứa mã lệnh).',
    en: 'SVG, HTML and XML files are not accepted (they can carry scripts).',
  },
  'media.unsupported_format': {
    vi: 'Định dạng tệp không được hỗ trợ.',
    en: 'The file format is not supported.',
  },
  'media.type_mismatch': {
    vi: 'Tệp khai báo là {declared} nhưng nội dung là {detected}.',
    en: 'The file is declared as {declared} but its content is {detected}.',
  },
  'media.extension_mismatch': {
    vi: 'Phần mở rộng .{declared} không khớp với nội dung ({detected}).',
    en: 'The extension .{declared} does not match the content ({detected}).',
  },
  'media.trailing_data': {
    vi: 'Tệp ảnh có dữ liệu lạ gắn thêm phía sau.',
    en: 'The image has unexpected data appended.',
  },
  'media.hidden_markup': {
    vi: 'Tệp có chứa mã HTML hoặc mã lệnh ẩn.',
    en: 'The file contains hidden HTML or script.',
  },
  'media.truncated': {
    vi: 'Tệp bị cắt cụt hoặc hỏng.',
    en: 'The file is truncated or corrupt.',
  },
  'media.decode_failed': {
    vi: 'Không đọc được nội dung tệp (tệp hỏng hoặc sai định dạng).',
    en: 'The content could not be decoded (corrupt or not what it claims to be).',
  },
  'media.too_many_pixels': {
    vi: 'Ảnh quá lớn: {width}×{height} điểm ảnh (tối đa {max} điểm ảnh).',
    en: 'The image is too large: {width}×{height} pixels (at most {max} pixels).',
  },
  'media.pdf_malformed': {
    vi: 'Tệp PDF không đúng cấu trúc.',
    en: 'The PDF is malformed.',
  },
  'media.pdf_scripted': {
    vi: 'Tệp PDF chứa nội dung chủ động ({feature}) không được chấp nhận.',
    en: 'The PDF contains active content ({feature}), which is not accepted.',
    values: { feature: 'pdfFeature' },
  },
  'media.zip_malformed': {
    vi: 'Tệp nén không đúng cấu trúc.',
    en: 'The archive is malformed.',
  },
  'media.not_office': {
    vi: 'Tệp nén không phải tài liệu Word, PowerPoint hay Excel.',
    en: 'The archive is not a Word, PowerPoint or Excel document.',
  },
  'media.macro': {
    vi: 'Tài liệu chứa macro hoặc thành phần chạy được, không được chấp nhận.',
    en: 'The document contains macros or executable parts, which are not accepted.',
  },
  'media.duration_too_short': {
    vi: 'Thời lượng {actual} giây ngắn hơn quy định của lĩnh vực (tối thiểu {min} giây).',
    en: 'The duration of {actual} s is shorter than the category allows (at least {min} s).',
  },
  'media.duration_too_long': {
    vi: 'Thời lượng {actual} giây dài hơn quy định của lĩnh vực (tối đa {max} giây).',
    en: 'The duration of {actual} s is longer than the category allows (at most {max} s).',
  },
  'media.resolution_too_low': {
    vi: 'Độ phân giải {actual}p thấp hơn quy định của lĩnh vực (tối thiểu {min}p).',
    en: 'The resolution of {actual}p is lower than the category requires (at least {min}p).',
  },
  'media.landscape_required': {
    vi: 'Thể loại này yêu cầu video quay ngang.',
    en: 'This category requires landscape video.',
  },
  'media.no_video_stream': {
    vi: 'Tệp không có hình ảnh video.',
    en: 'The file has no video stream.',
  },
  'media.no_audio_stream': {
    vi: 'Tệp không có âm thanh.',
    en: 'The file has no audio stream.',
  },
  'media.processing_failed': {
    vi: 'Xử lý tệp không thành công sau nhiều lần thử.',
    en: 'Processing the file failed after several attempts.',
  },
  'media.upload_expired': {
    vi: 'Phiên tải lên đã hết hạn trước khi hoàn tất.',
    en: 'The upload expired before it was finished.',
  },
  'media.upload_stalled': {
    vi: 'Quá lâu không nhận được dữ liệu; việc tải lên đã bị dừng.',
    en: 'No data arrived for too long; the upload was stopped.',
  },
  'media.multipart_malformed': {
    vi: 'Nội dung multipart không đúng cấu trúc hoặc bị cắt ngang.',
    en: 'The multipart body is malformed or was cut short.',
  },
  'media.file_required': {
    vi: 'Thiếu tệp trong yêu cầu (trường "file").',
    en: 'The request has no file (field "file").',
  },
  'media.multipart_required': {
    vi: 'Yêu cầu phải có dạng multipart/form-data.',
    en: 'The request must be multipart/form-data.',
  },
  'media.range_not_satisfiable': {
    vi: 'Khoảng dữ liệu yêu cầu nằm ngoài tệp.',
    en: 'The requested range is outside the file.',
  },
  'media.upload_not_found': {
    vi: 'Không tìm thấy phiên tải lên.',
    en: 'The upload was not found.',
  },
  'media.upload_gone': {
    vi: 'Phiên tải lên không còn nữa (đã hết hạn hoặc đã bị xoá).',
    en: 'The upload no longer exists (it expired or was removed).',
  },
  'media.upload_offset_conflict': {
    vi: 'Vị trí tải tiếp (Upload-Offset) không khớp: máy chủ đã nhận {offset} byte.',
    en: 'The Upload-Offset does not match: the server has received {offset} bytes.',
  },
  'media.upload_exceeds_length': {
    vi: 'Dữ liệu gửi lên vượt quá độ dài đã khai báo của tệp ({length} byte).',
    en: 'The data sent goes beyond the declared length of the file ({length} bytes).',
  },
  'media.upload_superseded': {
    vi: 'Một yêu cầu khác đã tiếp tục phiên tải lên này.',
    en: 'Another request has taken over this upload.',
  },
  'media.upload_cancelled': {
    vi: 'Việc tải lên đã bị huỷ.',
    en: 'The upload was cancelled.',
  },
  'media.tus_version_unsupported': {
    vi: 'Phiên bản giao thức tus không được hỗ trợ (cần Tus-Resumable: 1.0.0).',
    en: 'Unsupported tus protocol version (Tus-Resumable: 1.0.0 is required).',
  },
  'media.tus_header_invalid': {
    vi: 'Tiêu đề {header} thiếu hoặc không hợp lệ.',
    en: 'The {header} header is missing or invalid.',
  },
  'media.tus_length_required': {
    vi: 'Cần khai báo độ dài tệp (Upload-Length) khi bắt đầu tải lên.',
    en: 'The file length (Upload-Length) must be declared when the upload starts.',
  },
  'media.tus_metadata_invalid': {
    vi: 'Upload-Metadata không hợp lệ (các cặp "khoá giá-trị-base64" cách nhau bởi dấu phẩy).',
    en: 'Upload-Metadata is invalid (comma-separated "key base64-value" pairs).',
  },
  'media.tus_content_type': {
    vi: 'Dữ liệu tải lên phải có Content-Type: application/offset+octet-stream.',
    en: 'Upload data must be sent as Content-Type: application/offset+octet-stream.',
  },
  'media.tus_unsupported': {
    vi: 'Máy chủ không hỗ trợ phần mở rộng tus "{feature}".',
    en: 'The server does not support the tus extension "{feature}".',
    values: { feature: 'tusExtension' },
  },
});
