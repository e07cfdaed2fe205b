import OMCHost
