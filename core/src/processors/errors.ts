/**
 * An input that cannot be checked. The message is Chinese, names the problem and says what to do;
 * the code is stable for JSON consumers and tests.
 */
export type InputErrorCode =
  | 'E_EMPTY'        // 空文件
  | 'E_OLD_WORD'     // .doc / .wps (OLE2)
  | 'E_ENCRYPTED'    // 加密的 .docx（OLE2 容器里的 EncryptedPackage）
  | 'E_PDF'          // PDF（无文字层或暂不支持）
  | 'E_RTF'          // RTF
  | 'E_CORRUPT_ZIP'  // 截断或损坏的 zip
  | 'E_NOT_DOCX'     // 是 zip 但不是 Word 文档，或扩展名与内容不符
  | 'E_ZIP_BOMB'     // 解压后超出上限
  | 'E_TOO_LARGE'    // 输入文件超过上限
  | 'E_BINARY'       // 二进制乱码，不是文本
  | 'E_UNSUPPORTED'  // 不支持的扩展名
  | 'E_READ'         // 读取失败（不存在、无权限）
  | 'E_TIMEOUT';     // 处理超时

export class InputError extends Error {
  readonly code: InputErrorCode;
  constructor(code: InputErrorCode, message: string) {
    super(message);
    this.name = 'InputError';
    this.code = code;
  }
}

export const isInputError = (e: unknown): e is InputError => e instanceof InputError;
