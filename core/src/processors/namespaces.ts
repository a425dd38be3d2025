/** OOXML namespaces, shared by the docx reader and the annotator (Word writes transitional, some tools strict). */
export const NS_W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
export const NS_W_STRICT = 'http://purl.oclc.org/ooxml/wordprocessingml/main';
export const NS_W14 = 'http://schemas.microsoft.com/office/word/2010/wordml';
export const NS_W15 = 'http://schemas.microsoft.com/office/word/2012/wordml';
export const NS_W16CID = 'http://schemas.microsoft.com/office/word/2016/wordml/cid';
export const NS_W16CEX = 'http://schemas.microsoft.com/office/word/2018/wordml/cex';
export const NS_MC = 'http://schemas.openxmlformats.org/markup-compatibility/2006';
export const NS_A = 'http://schemas.openxmlformats.org/drawingml/2006/main';
export const NS_A_STRICT = 'http://purl.oclc.org/ooxml/drawingml/main';
export const NS_R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
export const NS_R_STRICT = 'http://purl.oclc.org/ooxml/officeDocument/relationships';
export const NS_PKG_REL = 'http://schemas.openxmlformats.org/package/2006/relationships';
export const NS_CT = 'http://schemas.openxmlformats.org/package/2006/content-types';
export const NS_XML = 'http://www.w3.org/XML/1998/namespace';
export const NS_XMLNS = 'http://www.w3.org/2000/xmlns/';
