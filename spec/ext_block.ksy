meta:
  id: ext_block
  title: Extension block of the extended profile, in the tail of a PDU
  license: CC0-1.0
  ks-version: "0.11"
  endian: be
doc: |
  The extended profile (spec/PROTOCOL.md section 11) carries its data in an extension block that
  starts at the byte right after the NUL ending a PDU's text, where classic receivers ignore
  everything (FRAME-3). The block is a marker, a length, a body whose layout depends on the PDU's
  type, and a check: a CRC-32C over the whole PDU from its type letter to the body's last byte
  (EXT-1). Every byte after the check is zero (SEC-16).

  A tail is a block only when the marker, the length and the check all hold and the body is at
  least as long as its layout (EXT-2); otherwise it is leftovers of earlier messages, and is
  ignored. The marker's first byte is not ASCII, so no classic text starts a block; a block left
  over from another PDU fails the check, since the check covers that PDU's own type and text.
  The grammar gives the layout; the typed model computes and compares the check.
doc-ref: spec/PROTOCOL.md section 11.1
params:
  - id: pdu_type
    type: u1
    doc: The type letter of the PDU the block is in; it decides the body's layout.
seq:
  - id: magic
    contents: [0xe5, 0x58, 0x31]
    doc: Marker, `0xE5` then `X1` (EXT-1).
  - id: body_length
    type: u1
    doc: Length of the body in bytes; later versions may append fields, which readers skip (EXT-2).
  - id: body
    size: body_length
    type:
      switch-on: pdu_type
      cases:
        0x52: stamp_body
        0x53: stamp_body
        0x44: resume_body
        0x48: header_body
    doc: |
      The fields of the block, by the PDU's type: R and S hit carry a stamp (EXT-4, EXT-6); D a
      resume point (EXT-8); H the transfer header (EXT-9). A has an empty body (EXT-5).
  - id: check
    type: u4
    doc: CRC-32C (Castagnoli) of the PDU's bytes from the type letter to the end of the body (EXT-1).
types:
  stamp_body:
    doc: The stamp of a content as its holder registered it (EXT-4).
    seq:
      - id: size
        type: u8
        doc: The file's size in bytes.
      - id: sha256
        size: 32
        doc: The SHA-256 digest of the file's bytes.
  resume_body:
    doc: What a downloader asks for (EXT-8).
    seq:
      - id: offset
        type: u8
        doc: The number of bytes of the file the downloader already holds; 0 for a new download.
      - id: sha256
        size: 32
        doc: The digest of the file those bytes belong to; all zero for a new download.
  header_body:
    doc: What the content server is about to send (EXT-9).
    seq:
      - id: size
        type: u8
        doc: The size of the whole file.
      - id: offset
        type: u8
        doc: The first byte of the file that follows the header; size minus offset bytes follow.
      - id: sha256
        size: 32
        doc: The SHA-256 digest of the whole file.
