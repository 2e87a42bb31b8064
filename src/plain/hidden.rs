//! Reading the password without echo when standard input is a terminal: the terminal's
//! echo is turned off for that one line (non-canonical, so Ctrl+C is seen and the terminal
//! restored), and restored on every path out.

use std::io::{self, BufRead};

use rustix::termios::{self, LocalModes, OptionalActions, SpecialCodeIndex, Termios};

/// The terminal settings to put back.
struct Restore(Termios);

impl Drop for Restore {
    fn drop(&mut self) {
        let _ = termios::tcsetattr(io::stdin(), OptionalActions::Now, &self.0);
    }
}

/// One line of `input` (stdin) without echo. `Ok(None)` at the end of input (Ctrl+D on an
/// empty line); Ctrl+C is an `Interrupted` error. Backspace removes the last character.
pub fn read_hidden_line(input: &mut impl BufRead) -> io::Result<Option<String>> {
    let saved = termios::tcgetattr(io::stdin())?;
    let mut quiet = saved.clone();
    quiet
        .local_modes
        .remove(LocalModes::ECHO | LocalModes::ICANON | LocalModes::ISIG);
    quiet.special_codes[SpecialCodeIndex::VMIN] = 1;
    quiet.special_codes[SpecialCodeIndex::VTIME] = 0;
    termios::tcsetattr(io::stdin(), OptionalActions::Now, &quiet)?;
    let _restore = Restore(saved);
    let mut line: Vec<u8> = Vec::new();
    loop {
        let byte = match input.fill_buf()? {
            [] => return Ok(None),
            [byte, ..] => *byte,
        };
        input.consume(1);
        match byte {
            b'\r' | b'\n' => break,
            // Ctrl+C
            0x03 => return Err(io::Error::from(io::ErrorKind::Interrupted)),
            // Ctrl+D on an empty line: the end of input.
            0x04 if line.is_empty() => return Ok(None),
            // Backspace / DEL: one character back (a whole UTF-8 sequence).
            0x7f | 0x08 => {
                while let Some(last) = line.pop() {
                    if last & 0b1100_0000 != 0b1000_0000 {
                        break;
                    }
                }
            }
            byte => line.push(byte),
        }
    }
    Ok(Some(String::from_utf8_lossy(&line).into_owned()))
}
