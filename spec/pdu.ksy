meta:
  id: p2p_pdu
  title: P2P index and transfer protocol data unit (classic and extended profiles)
  license: CC0-1.0
  ks-version: "0.11"
  encoding: ASCII
  endian: be
  imports:
    - ext_block
doc: |
  Every message of the P2P file-sharing protocol, on the index's UDP channel and on the
  peer-to-peer TCP channel, is one PDU of exactly 101 bytes: a type letter and 100 bytes of
  `data`. `data` is ASCII text ended by a NUL byte; the bytes after that NUL (the tail) are
  unspecified (the original programs leave leftovers of earlier messages there) and a receiver
  ignores them (FRAME-3). Over TCP, PDUs follow each other back to back with no other framing.

  Names (peer names, content names) are 1 to 9 printable ASCII characters without space, `,`,
  `/` or `*` (NAME-1). In requests they sit at fixed offsets, left-justified and space-padded to
  9 characters (NAME-2); in the `/`-separated replies (search hit, list entry) they end at the
  separator, and senders pad them to 9 characters as the original index does (NAME-3).

  The types S and O mean one thing on the way to the index and another on the way back, so a
  parser is told the direction with the `is_reply` parameter.

  The extended profile (spec/PROTOCOL.md section 11) adds the H PDU and an extension block
  (`ext_block.ksy`) that rides in the tail of R, A, S hits and D, where classic receivers ignore it.
doc-ref: spec/PROTOCOL.md section 3 (PDU format)
params:
  - id: is_reply
    type: bool
    doc: |
      True for a PDU sent by the index to a peer (it decides the layout of S and O);
      false for a request to the index. Ignored for the other types.
seq:
  - id: pdu_type
    type: u1
    enum: pdu_type
    valid:
      in-enum: true
    doc: Type letter; a byte outside the enum is an unknown type (RECV-2).
  - id: data
    size: 100
    type:
      switch-on: pdu_type
      cases:
        'pdu_type::register': register_data
        'pdu_type::search': search_data
        'pdu_type::deregister': deregister_data
        'pdu_type::list': list_data
        'pdu_type::acknowledgement': text_data
        'pdu_type::error': text_data
        'pdu_type::download': download_data
        'pdu_type::content': content_data
        'pdu_type::content_end': text_data
        'pdu_type::transfer_header': header_data
    doc: The 100 bytes after the type letter; their layout depends on the type (FRAME-2).
enums:
  pdu_type:
    # Letters from the seed's PDU list; F is not in the seed but the original peer sends it.
    0x41: acknowledgement
    0x43: content
    0x44: download
    0x45: error
    0x46: content_end
    # H belongs to the extended profile: only a downloader that asked for it gets one (EXT-9).
    0x48: transfer_header
    0x4f: list
    0x52: register
    0x53: search
    0x54: deregister
types:
  register_data:
    doc: R, content registration, peer to index (IDX-REG-1).
    doc-ref: spec/PROTOCOL.md section 5.1
    seq:
      - id: peer_name
        type: str
        size: 9
        pad-right: 0x20
        doc: Registering peer, space-padded to 9 (NAME-2).
      - id: sep_content
        contents: ','
        doc: Field separator (FIELD-1).
      - id: content_name
        type: str
        size: 9
        pad-right: 0x20
        doc: Content to register, space-padded to 9 (NAME-2).
      - id: sep_address
        contents: ','
        doc: Field separator (FIELD-1).
      - id: address
        size: 19
        type: padded_address
        doc: The peer's content server, `<dotted IPv4>/<port>`, space-padded to 19 (ADDR-1).
      - id: end
        contents: [0]
        doc: NUL end of the text (FRAME-3).
      - id: tail
        size-eos: true
        pad-right: 0
        doc: Unspecified; written as zeros, ignored when read (FRAME-3).
  padded_address:
    doc: A content server address inside the 19-character registration field (ADDR-1).
    seq:
      - id: host
        type: str
        terminator: 0x2f
        doc: Dotted-quad IPv4 address, ended by `/`.
      - id: port
        type: str
        size-eos: true
        pad-right: 0x20
        doc: Decimal TCP port 1..65535, space-padded to the end of the field.
  search_data:
    doc: S, search; its layout depends on the direction.
    seq:
      - id: body
        type:
          switch-on: _root.is_reply
          cases:
            false: search_request
            true: search_hit
  search_request:
    doc: S, search request, peer to index (IDX-SEARCH-1).
    doc-ref: spec/PROTOCOL.md section 5.2
    seq:
      - id: peer_name
        type: str
        size: 9
        pad-right: 0x20
        doc: The asking peer, space-padded to 9 (NAME-2).
      - id: sep_content
        contents: ','
        doc: Field separator (FIELD-1).
      - id: content_name
        type: str
        size: 9
        pad-right: 0x20
        doc: The content searched for, space-padded to 9 (NAME-2).
      - id: end
        contents: [0]
        doc: NUL end of the text (FRAME-3).
      - id: tail
        size-eos: true
        pad-right: 0
        doc: Unspecified; written as zeros, ignored when read (FRAME-3).
  search_hit:
    doc: S, search hit, index to peer; `holder/host/port` (IDX-SEARCH-3).
    doc-ref: spec/PROTOCOL.md section 5.2
    seq:
      - id: text
        type: search_hit_text
        terminator: 0
        doc: The fields, within the text up to the NUL only, so that no separator is looked for in the tail (FRAME-3).
      - id: tail
        size-eos: true
        pad-right: 0
        doc: Unspecified; written as zeros, ignored when read (FRAME-3).
  search_hit_text:
    doc: The text of a search hit, without its NUL.
    seq:
      - id: holder
        type: str
        terminator: 0x2f
        doc: Name of the chosen holder, sent space-padded to 9 (NAME-3), ended by `/`.
      - id: host
        type: str
        terminator: 0x2f
        doc: The holder's dotted-quad IPv4 address, ended by `/` (ADDR-2).
      - id: port
        type: str
        size-eos: true
        doc: The holder's decimal TCP port, up to the end of the text (ADDR-2).
  deregister_data:
    doc: |
      T, deregistration, peer to index: of one content (IDX-DEREG-1), or of the peer and all
      its contents when the content is nine `*` (IDX-LEAVE-1).
    doc-ref: spec/PROTOCOL.md section 5.3
    seq:
      - id: peer_name
        type: str
        size: 9
        pad-right: 0x20
        doc: The deregistering peer, space-padded to 9 (NAME-2).
      - id: sep_content
        contents: ','
        doc: Field separator (FIELD-1).
      - id: content_name
        type: str
        size: 9
        pad-right: 0x20
        doc: The content to deregister, space-padded to 9, or `*********` for the whole peer.
      - id: end
        contents: [0]
        doc: NUL end of the text (FRAME-3).
      - id: tail
        size-eos: true
        pad-right: 0
        doc: Unspecified; written as zeros, ignored when read (FRAME-3).
    instances:
      is_peer_deregistration:
        value: content_name == "*********"
        doc: True when the request removes the peer itself (IDX-LEAVE-1).
  list_data:
    doc: O, list all; its layout depends on the direction.
    seq:
      - id: body
        type:
          switch-on: _root.is_reply
          cases:
            false: list_request
            true: list_entry
  list_request:
    doc: |
      O, list request, peer to index (IDX-LIST-1). The classic request carries only the name;
      a request for a later page adds `,<first entry>` (IDX-LIST-5).
    doc-ref: spec/PROTOCOL.md section 5.4
    seq:
      - id: peer_name
        type: str
        size: 9
        pad-right: 0x20
        doc: The asking peer, space-padded to 9 (NAME-2).
      - id: sep_start
        type: u1
        valid:
          any-of: [0, 0x2c]
        doc: NUL for a classic request (the end of the text), or `,` before the first entry wanted.
      - id: start
        type: str
        terminator: 0
        if: sep_start == 0x2c
        doc: Decimal index of the first list entry wanted, ended by the NUL (IDX-LIST-5).
      - id: tail
        size-eos: true
        pad-right: 0
        doc: Unspecified; written as zeros, ignored when read (FRAME-3).
  list_entry:
    doc: |
      O, one list entry, index to peer: a peer and up to 8 of its contents, always 9 fields
      with 8 `/` separators; empty fields stand for empty slots (IDX-LIST-2).
    doc-ref: spec/PROTOCOL.md section 5.4
    seq:
      - id: text
        type: list_entry_text
        terminator: 0
        doc: The fields, within the text up to the NUL only, so that no separator is looked for in the tail (FRAME-3).
      - id: tail
        size-eos: true
        pad-right: 0
        doc: Unspecified; written as zeros, ignored when read (FRAME-3).
  list_entry_text:
    doc: The text of a list entry, without its NUL.
    seq:
      - id: peer_name
        type: str
        terminator: 0x2f
        doc: Peer name sent space-padded to 9 (NAME-3), or empty for an empty slot; ended by `/`.
      - id: content_slots
        type: str
        terminator: 0x2f
        repeat: expr
        repeat-expr: 7
        doc: Contents 1..7, each space-padded to 9 or empty, each ended by `/`.
      - id: last_content_slot
        type: str
        size-eos: true
        doc: Content 8, space-padded to 9 or empty, up to the end of the text.
  download_data:
    doc: D, download request, peer to peer over TCP (XFER-1).
    doc-ref: spec/PROTOCOL.md section 6
    seq:
      - id: holder
        type: str
        size: 9
        pad-right: 0x20
        doc: The serving peer's name as the search hit gave it, space-padded to 9 (NAME-2).
      - id: sep_content
        contents: ','
        doc: Field separator (FIELD-1).
      - id: content_name
        type: str
        size: 9
        pad-right: 0x20
        doc: The content wanted, space-padded to 9 (NAME-2).
      - id: end
        contents: [0]
        doc: NUL end of the text (FRAME-3).
      - id: tail
        size-eos: true
        pad-right: 0
        doc: Unspecified; written as zeros, ignored when read (FRAME-3).
  content_data:
    doc: C, the next piece of a content, serving peer to downloader (XFER-2).
    doc-ref: spec/PROTOCOL.md section 6
    seq:
      - id: piece
        terminator: 0
        doc: 0..99 bytes of the file, which cannot contain NUL (XFER-6), ended by the NUL.
      - id: tail
        size-eos: true
        pad-right: 0
        doc: Unspecified; written as zeros, ignored when read (FRAME-3).
  text_data:
    doc: |
      A (acknowledgement), E (error, list end) and F (end of content): a NUL-ended text.
      The text of A is unspecified; E carries a reason or the list end marker (IDX-LIST-3);
      F carries an empty text (XFER-3).
    doc-ref: spec/PROTOCOL.md sections 5 and 6
    seq:
      - id: text
        type: strz
        doc: Up to 99 ASCII characters ended by the NUL.
      - id: tail
        size-eos: true
        pad-right: 0
        doc: Unspecified; written as zeros, ignored when read (FRAME-3).
  header_data:
    doc: |
      H, transfer header, content server to an extended downloader over TCP (EXT-9): the holder
      and content of the D it answers, then a mandatory extension block with the size, the offset
      of the first byte that follows and the digest. The file's bytes follow the PDU, raw.
    doc-ref: spec/PROTOCOL.md section 11.3
    seq:
      - id: holder
        type: str
        size: 9
        pad-right: 0x20
        doc: The holder named by the D, space-padded to 9 (NAME-2).
      - id: sep_content
        contents: ','
        doc: Field separator (FIELD-1).
      - id: content_name
        type: str
        size: 9
        pad-right: 0x20
        doc: The content named by the D, space-padded to 9 (NAME-2).
      - id: end
        contents: [0]
        doc: NUL end of the text (FRAME-3).
      - id: block
        type: ext_block(0x48)
        doc: The header's extension block (EXT-1, EXT-9); its check is verified by the model.
      - id: tail
        size-eos: true
        pad-right: 0
        doc: Zeros (SEC-16), ignored when read.
