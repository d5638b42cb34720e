#!/usr/bin/python3
"""Generate image-format fixtures and their PIL reference preprocessing (Debian python3-pil).

    /usr/bin/python3 encoders/scripts/make_image_fixtures.py encoders/src/test/resources/images

Each input is a synthetic picture (gradients, shapes, text) saved in one format flavour Prism must read:
CMYK and progressive JPEG, EXIF-rotated JPEG, 16-bit / palette / grey+alpha / RGBA PNG, GIF, BMP, WebP.
expected/<name>.png holds the 224x224 RGB pixels of the reference CLIP preprocessing: PIL decode (no ICC),
EXIF transpose, convert("RGB"), shorter side -> 224 with bicubic (antialiased), centre crop (torchvision
rounding). Also writes the malformed files the decoder must refuse with a clear error.
"""
import io
import os
import struct
import sys
import zlib

from PIL import Image, ImageDraw, ImageOps

SIZE = 224


def picture(width, height, seed):
    img = Image.new("RGB", (width, height))
    px = img.load()
    for y in range(height):
        for x in range(width):
            px[x, y] = ((x * 255 // width + seed * 40) % 256, (y * 255 // height) % 256, ((x + y + seed * 17) * 3) % 256)
    draw = ImageDraw.Draw(img)
    draw.ellipse((width // 5, height // 5, width // 2, height // 2), fill=(220, 30, 40), outline=(0, 0, 0), width=3)
    draw.rectangle((width // 2, height // 2, width - 10, height - 10), fill=(20, 160, 60))
    draw.line((0, height - 1, width - 1, 0), fill=(255, 255, 255), width=4)
    draw.text((10, 10), "Prism %d" % seed, fill=(255, 255, 0))
    return img


def reference(img):
    img = ImageOps.exif_transpose(img).convert("RGB")
    w, h = img.size
    if w <= h:
        size = (SIZE, int(SIZE * h / w))
    else:
        size = (int(SIZE * w / h), SIZE)
    img = img.resize(size, Image.BICUBIC)
    w, h = img.size
    top, left = int(round((h - SIZE) / 2.0)), int(round((w - SIZE) / 2.0))
    return img.crop((left, top, left + SIZE, top + SIZE))


def png16_rgb(img):
    """16-bit RGB PNG written by hand (PIL cannot write it): each sample v*257 + small low-byte noise."""
    w, h = img.size
    raw = bytearray()
    for y in range(h):
        raw.append(0)
        for x in range(w):
            for c in img.getpixel((x, y)):
                raw += struct.pack(">H", c * 257 ^ ((x * 7 + y) & 0x3f))

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xffffffff)

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 16, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(bytes(raw), 9)) + chunk(b"IEND", b""))


def exif_with_orientation(value):
    exif = Image.Exif()
    exif[0x0112] = value
    return exif.tobytes()


def main(out):
    os.makedirs(os.path.join(out, "input"), exist_ok=True)
    os.makedirs(os.path.join(out, "expected"), exist_ok=True)
    os.makedirs(os.path.join(out, "bad"), exist_ok=True)
    files = {}

    def save(name, img, **kw):
        buf = io.BytesIO()
        img.save(buf, **kw)
        files[name] = buf.getvalue()

    base = picture(300, 200, 1)
    save("baseline_420.jpg", base, format="JPEG", quality=90)
    save("progressive.jpg", picture(260, 340, 2), format="JPEG", quality=85, progressive=True)
    save("grayscale.jpg", picture(240, 240, 3).convert("L"), format="JPEG", quality=90)
    save("cmyk.jpg", picture(280, 210, 4).convert("CMYK"), format="JPEG", quality=92)
    save("exif3.jpg", picture(320, 200, 5), format="JPEG", quality=90, exif=exif_with_orientation(3))
    save("exif8.jpg", picture(320, 200, 6), format="JPEG", quality=90, exif=exif_with_orientation(8))
    files["rgb16.png"] = png16_rgb(picture(250, 180, 7))
    save("palette_transparent.png", picture(230, 260, 8).convert("P", palette=Image.ADAPTIVE, colors=64),
         format="PNG", transparency=0)
    save("gray_alpha.png", picture(240, 300, 9).convert("LA"), format="PNG")
    rgba = picture(300, 240, 10).convert("RGBA")
    rgba.putalpha(Image.linear_gradient("L").resize((300, 240)))
    save("rgba.png", rgba, format="PNG")
    frames = [picture(200, 240, 11).convert("P", palette=Image.ADAPTIVE), picture(200, 240, 12).convert("P", palette=Image.ADAPTIVE)]
    buf = io.BytesIO()
    frames[0].save(buf, format="GIF", save_all=True, append_images=frames[1:], duration=100, loop=0)
    files["animated.gif"] = buf.getvalue()
    save("rgb24.bmp", picture(230, 230, 13), format="BMP")
    save("palette8.bmp", picture(260, 230, 14).convert("P", palette=Image.ADAPTIVE), format="BMP")
    save("lossless.webp", picture(240, 240, 15), format="WEBP", lossless=True)
    save("lossy.webp", picture(300, 225, 16), format="WEBP", quality=90)

    for name, data in files.items():
        with open(os.path.join(out, "input", name), "wb") as f:
            f.write(data)
        reference(Image.open(io.BytesIO(data))).save(os.path.join(out, "expected", name.rsplit(".", 1)[0] + ".png"))

    # Malformed inputs.
    jpeg = files["baseline_420.jpg"]
    bad = {
        "truncated.jpg": jpeg[: len(jpeg) // 2],
        "empty.jpg": b"",
        "text.jpg": b"Hello, this is a text file pretending to be a JPEG.\n",
        "unsupported.tiff": (lambda b: (picture(40, 40, 1).save(b, format="TIFF"), b.getvalue())[1])(io.BytesIO()),
    }
    png = bytearray(io.BytesIO().getvalue())
    buf = io.BytesIO()
    picture(64, 64, 2).save(buf, format="PNG")
    png = bytearray(buf.getvalue())
    png[50] ^= 0xFF  # flip a byte inside the IDAT data: its CRC no longer matches
    bad["bad_crc.png"] = bytes(png)
    # A valid PNG header (and CRC) declaring 50,000 x 50,000 pixels, with a tiny IDAT.
    ihdr = struct.pack(">IIBBBBB", 50000, 50000, 8, 2, 0, 0, 0)
    chunk = lambda kind, data: struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xffffffff)
    bad["huge_50000x50000.png"] = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\x00" * 64)) + chunk(b"IEND", b"")
    for name, data in bad.items():
        with open(os.path.join(out, "bad", name), "wb") as f:
            f.write(data)
    print("wrote", len(files), "inputs and", len(bad), "bad files to", out)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "encoders/src/test/resources/images")
