console.log('examples');
