from . import test_praise
